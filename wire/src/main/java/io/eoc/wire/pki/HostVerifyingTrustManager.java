package io.eoc.wire.pki;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust manager that checks, besides the chain, that the server certificate names the
 * host that was dialled — in a subject alternative name, never the CN (RFC 6125 §6.4.4): an IP
 * address against the iPAddress SANs, a host name against the dNSName SANs, exactly (our CA issues
 * no wildcards). Built into the trust manager, the check holds whatever the TLS client sets in its
 * SSLParameters.
 */
final class HostVerifyingTrustManager extends X509ExtendedTrustManager {

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private final X509ExtendedTrustManager chain;

  HostVerifyingTrustManager(X509ExtendedTrustManager chain) {
    this.chain = chain;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
      throws CertificateException {
    chain.checkServerTrusted(certificates, authType, socket);
    SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    verifyHost(certificates[0], session == null ? null : session.getPeerHost());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
      throws CertificateException {
    chain.checkServerTrusted(certificates, authType, engine);
    verifyHost(certificates[0], engine == null ? null : engine.getPeerHost());
  }

  /** Without the connection there is no host to compare with: refuse rather than skip the check. */
  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
    throw new CertificateException("cannot verify the server's host name without its connection");
  }

  static void verifyHost(X509Certificate certificate, String host) throws CertificateException {
    if (host == null || host.isEmpty()) {
      throw new CertificateException("no host name to verify the server certificate against");
    }
    boolean ip = isIpLiteral(host);
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    if (names != null) {
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        String value = String.valueOf(name.get(1));
        if (ip ? type == SAN_IP && sameAddress(host, value) : type == SAN_DNS && sameHost(host, value)) {
          return;
        }
      }
    }
    throw new CertificateException("the server certificate does not name " + (ip ? "IP address " : "host ") + host);
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /** Literals only: InetAddress.getByName does not resolve an IP literal. */
  private static boolean sameAddress(String host, String san) {
    try {
      return isIpLiteral(san) && InetAddress.getByName(host).equals(InetAddress.getByName(san));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean sameHost(String host, String san) {
    return strip(host).equals(strip(san));
  }

  private static String strip(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
    chain.checkClientTrusted(certificates, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
      throws CertificateException {
    chain.checkClientTrusted(certificates, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
      throws CertificateException {
    chain.checkClientTrusted(certificates, authType, engine);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chain.getAcceptedIssuers();
  }
}
