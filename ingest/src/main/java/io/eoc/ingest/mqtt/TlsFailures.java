package io.eoc.ingest.mqtt;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Classifies a failed handshake. The JDK reports most failures with a type somewhere in the cause
 * chain; two only by message (JDK 17 {@code CertificateMessage}: "Empty client certificate chain";
 * {@code Alert}: "Received fatal alert: ..."), so those rules are covered by socket tests.
 */
final class TlsFailures {

  /** First match wins; each rule is tried against every throwable of the cause chain. */
  private static final List<Map.Entry<TlsFailureKind, Predicate<Throwable>>> RULES = List.of(
      Map.entry(TlsFailureKind.NOT_TLS, t -> t instanceof NotSslRecordException),
      Map.entry(TlsFailureKind.HANDSHAKE_TIMEOUT, t -> t instanceof SslHandshakeTimeoutException),
      Map.entry(TlsFailureKind.EXPIRED_CERTIFICATE, TlsFailures::isOutsideValidity),
      Map.entry(TlsFailureKind.UNTRUSTED_CERTIFICATE, t -> t instanceof CertPathBuilderException
          || t instanceof CertPathValidatorException || t instanceof CertificateException),
      Map.entry(TlsFailureKind.NO_CLIENT_CERTIFICATE, t -> message(t).contains("Empty client certificate chain")),
      Map.entry(TlsFailureKind.REJECTED_BY_CLIENT, t -> message(t).startsWith("Received fatal alert")),
      Map.entry(TlsFailureKind.UNSUPPORTED_PROTOCOL, t -> t instanceof SSLException && message(t).contains("protocol")),
      Map.entry(TlsFailureKind.CLOSED_DURING_HANDSHAKE, t -> t instanceof ClosedChannelException
          || (t instanceof SSLException && message(t).toLowerCase(java.util.Locale.ROOT).contains("closed"))));

  private TlsFailures() {}

  static TlsFailureKind classify(Throwable failure) {
    List<Throwable> chain = causes(failure);
    for (Map.Entry<TlsFailureKind, Predicate<Throwable>> rule : RULES) {
      if (chain.stream().anyMatch(rule.getValue())) {
        return rule.getKey();
      }
    }
    return TlsFailureKind.OTHER;
  }

  /** Every distinct message of the cause chain, outermost first: the JDK's detail is in the inner ones. */
  static String describe(Throwable failure) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t : causes(failure)) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        messages.add(t.getMessage());
      }
    }
    return messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(" <- ", messages);
  }

  private static boolean isOutsideValidity(Throwable t) {
    if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
      return true;
    }
    return t instanceof CertPathValidatorException e
        && (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
            || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID);
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage();
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 16; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
