package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The failure shapes the JDK and Netty produce; the socket tests in MqttTlsTest cover the real ones. */
class TlsFailuresTest {

  private static Throwable handshake(String message, Throwable cause) {
    SSLHandshakeException handshake = new SSLHandshakeException(message);
    handshake.initCause(cause);
    return new DecoderException(handshake);
  }

  @Test
  void expiryAnywhereInTheCauseChainIsAnExpiredCertificate() {
    Throwable failure = handshake("PKIX path validation failed",
        new CertificateException("validity check failed", new CertPathValidatorException("validity check failed",
            new CertificateExpiredException("NotAfter: ..."), null, -1, CertPathValidatorException.BasicReason.EXPIRED)));

    assertThat(TlsFailures.classify(failure)).isEqualTo(TlsFailureKind.EXPIRED_CERTIFICATE);
    assertThat(TlsFailures.describe(failure)).contains("PKIX path validation failed", "NotAfter: ...");
  }

  @Test
  void otherCertificateFailuresAreUntrusted() {
    assertThat(TlsFailures.classify(handshake("PKIX path building failed", new CertificateException("no path"))))
        .isEqualTo(TlsFailureKind.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void failuresKnownOnlyByTheirMessage() {
    assertThat(TlsFailures.classify(handshake("Empty client certificate chain", null)))
        .isEqualTo(TlsFailureKind.NO_CLIENT_CERTIFICATE);
    assertThat(TlsFailures.classify(handshake("Received fatal alert: certificate_unknown", null)))
        .isEqualTo(TlsFailureKind.REJECTED_BY_CLIENT);
    assertThat(TlsFailures.classify(handshake("Client requested protocol TLSv1.1 is not enabled or supported", null)))
        .isEqualTo(TlsFailureKind.UNSUPPORTED_PROTOCOL);
  }

  @Test
  void nettyFailuresHaveTheirOwnKinds() {
    assertThat(TlsFailures.classify(new NotSslRecordException("not an SSL/TLS record")))
        .isEqualTo(TlsFailureKind.NOT_TLS);
    assertThat(TlsFailures.classify(new SslHandshakeTimeoutException("handshake timed out after 10000ms")))
        .isEqualTo(TlsFailureKind.HANDSHAKE_TIMEOUT);
    assertThat(TlsFailures.classify(new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress")))
        .isEqualTo(TlsFailureKind.CLOSED_DURING_HANDSHAKE);
    assertThat(TlsFailures.classify(new ClosedChannelException())).isEqualTo(TlsFailureKind.CLOSED_DURING_HANDSHAKE);
  }

  @Test
  void anythingElseIsOther() {
    assertThat(TlsFailures.classify(new IllegalStateException("?"))).isEqualTo(TlsFailureKind.OTHER);
    assertThat(TlsFailures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
