package io.eoc.wire.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE objects of mutual TLS between agents and the cloud. Both sides trust the cloud's CA
 * and nothing else (not the JDK's cacerts); both present exactly one credential; only TLS 1.3 and
 * 1.2 are spoken.
 *
 * <ul>
 *   <li>Server: {@link #server} plus {@link #serverParameters()} on every engine or socket (an
 *       SSLContext cannot require client certificates by itself), or Netty's SslContextBuilder
 *       with {@link #keyManager} and {@link #trustManager}.
 *   <li>Agent: {@link #agent} and {@link #socketFactory}; the server certificate must name the
 *       host or IP address the agent dials.
 * </ul>
 */
public final class TlsContexts {

  /** Newest first. TLS 1.1 and older are broken (RFC 8996). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private TlsContexts() {}

  /** Presents {@code credential}, always (see {@link SingleKeyManager} for why). */
  public static X509ExtendedKeyManager keyManager(Credential credential) {
    return new SingleKeyManager(Objects.requireNonNull(credential, "credential"));
  }

  /**
   * PKIX validation against {@code ca} as the only trust anchor: signature chain, validity at the
   * time of the handshake, and the extended key usage of the side (clientAuth for a client
   * certificate, serverAuth for a server certificate). No revocation checking.
   */
  public static X509ExtendedTrustManager trustManager(X509Certificate ca) {
    Objects.requireNonNull(ca, "ca");
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("eoc-ca", ca);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the PKIX TrustManagerFactory made no X509ExtendedTrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust manager for " + ca.getSubjectX500Principal(), e);
    }
  }

  /** {@link #trustManager} that also requires the server certificate to name the dialled host. */
  public static X509ExtendedTrustManager hostVerifyingTrustManager(X509Certificate ca) {
    return new HostVerifyingTrustManager(trustManager(ca));
  }

  /** The cloud's context; use it with {@link #serverParameters()}. */
  public static SSLContext server(Credential server, X509Certificate ca) {
    return context(keyManager(server), trustManager(ca));
  }

  /** TLS 1.3/1.2, client certificate required. */
  public static SSLParameters serverParameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
    parameters.setNeedClientAuth(true);
    return parameters;
  }

  /** An agent's context: presents its credential, trusts only {@code ca}, verifies the host. */
  public static SSLContext agent(Credential agent, X509Certificate ca) {
    return context(keyManager(agent), hostVerifyingTrustManager(ca));
  }

  /** @throws IllegalStateException if the credentials are not issued yet */
  public static SSLContext agent(AgentCredentials agent) {
    return agent(agent.credential(), agent.caCertificate());
  }

  /** Client sockets of {@code context} limited to {@link #PROTOCOLS}. */
  public static SSLSocketFactory socketFactory(SSLContext context) {
    return new ProtocolLimitingSocketFactory(context.getSocketFactory());
  }

  private static SSLContext context(KeyManager keyManager, TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise a TLS context", e);
    }
  }
}
