package io.eoc.ingest.mqtt;

import io.eoc.wire.pki.Identities;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after the SslHandler: on a successful handshake, stores the agent id of the verified
 * client certificate on the channel for {@link ConnectFlow}; on a failed one, counts it by kind,
 * audits it, and drops only this connection. Not sharable: one per connection.
 */
final class TlsIdentityHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(TlsIdentityHandler.class);
  private static final AttributeKey<String> CERTIFIED_AGENT =
      AttributeKey.valueOf(TlsIdentityHandler.class, "certifiedAgent");

  private final TransportContext context;

  TlsIdentityHandler(TransportContext context) {
    this.context = context;
  }

  /** The agent named by the connection's verified client certificate; empty without TLS. */
  static Optional<String> certifiedAgentId(Channel channel) {
    return Optional.ofNullable(channel.attr(CERTIFIED_AGENT).get());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        onHandshake(ctx);
      } else {
        onFailure(ctx, TlsFailures.classify(done.cause()), TlsFailures.describe(done.cause()));
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  private void onHandshake(ChannelHandlerContext ctx) {
    try {
      Certificate[] peer = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
      String agentId = Identities.agentIdOf((X509Certificate) peer[0]);
      ctx.channel().attr(CERTIFIED_AGENT).set(agentId);
      log.debug("TLS connection from {} certified as agent {}", ctx.channel().remoteAddress(), agentId);
    } catch (SSLPeerUnverifiedException | CertificateException | ClassCastException e) {
      onFailure(ctx, TlsFailureKind.NO_AGENT_IDENTITY, e.getMessage());
    }
  }

  /** Probes that connect and close are counted but not audited: load balancers do it every few seconds. */
  private void onFailure(ChannelHandlerContext ctx, TlsFailureKind kind, String reason) {
    context.counters().tlsFailure(kind);
    if (kind != TlsFailureKind.CLOSED_DURING_HANDSHAKE) {
      context.audit(AuditEvent.TLS_HANDSHAKE_FAILED, null, ctx.channel(), kind + ": " + reason);
    }
    log.debug("TLS handshake with {} failed ({}): {}", ctx.channel().remoteAddress(), kind, reason);
    ctx.close();
  }

  /**
   * A failed handshake also arrives here as an exception; the completion event has counted it.
   * TLS errors after the handshake (a corrupt record) only close the connection: one line at
   * DEBUG, not a stack trace per broken client.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    boolean handshakeDone = ssl != null && ssl.handshakeFuture().isSuccess();
    if (!handshakeDone || isTlsError(cause)) {
      log.debug("TLS connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private static boolean isTlsError(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
