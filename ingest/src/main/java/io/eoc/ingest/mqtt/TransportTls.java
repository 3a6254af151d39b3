package io.eoc.ingest.mqtt;

import io.eoc.wire.pki.Credential;
import io.eoc.wire.pki.TlsContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Mutual TLS for the device endpoint: every agent presents a client certificate issued by
 * {@code agentCa}, and that certificate, not the CONNECT packet, says which agent it is.
 *
 * @param server the cloud's key and certificate chain (see {@code CertificateAuthority#issueServer})
 * @param agentCa the only CA whose client certificates are accepted
 */
public record TransportTls(Credential server, X509Certificate agentCa) {

  public TransportTls {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(agentCa, "agentCa");
  }

  /** TLS 1.3/1.2, client certificate required, JDK provider (no native library on the cloud host). */
  SslContext newServerContext() throws SSLException {
    return SslContextBuilder.forServer(TlsContexts.keyManager(server))
        .trustManager(TlsContexts.trustManager(agentCa))
        .clientAuth(ClientAuth.REQUIRE)
        .protocols(TlsContexts.PROTOCOLS)
        .sslProvider(SslProvider.JDK)
        .build();
  }

  /** Never the key; the CA by name only (X509Certificate's own toString is pages long). */
  @Override
  public String toString() {
    return "TransportTls[server=" + server + ", agentCa=" + agentCa.getSubjectX500Principal().getName() + "]";
  }
}
