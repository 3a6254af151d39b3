package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The pipeline of one device connection; also what tests put on an EmbeddedChannel. */
final class MqttChannelInitializer extends ChannelInitializer<Channel> {

  private final TransportContext context;
  private final Consumer<Channel> onOpen;

  MqttChannelInitializer(TransportContext context, Consumer<Channel> onOpen) {
    this.context = context;
    this.onOpen = onOpen;
  }

  @Override
  protected void initChannel(Channel channel) {
    onOpen.accept(channel);
    context.tls().ifPresent(tls -> addTls(channel, tls));
    channel.pipeline()
        // Size limit from the fixed header alone, whole frames only: see MqttFrameLimiter.
        .addLast("limiter", new MqttFrameLimiter(context.config().maxMessageBytes()))
        // Stores the CONNECT's protocol version on the channel, for itself and for MqttEncoder.
        .addLast("decoder", new MqttDecoder(context.config().maxMessageBytes()))
        .addLast("encoder", MqttEncoder.INSTANCE)
        // Until CONNECT: the connect timeout (MQTT 3.1.1 §3.1.4); ConnectFlow swaps in keep-alive.
        .addLast(ConnectFlow.IDLE_HANDLER,
            new IdleStateHandler(context.config().connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("session", new MqttSessionHandler(context));
  }

  /** TLS first: everything after it sees plaintext, and only once the client certificate verified. */
  private void addTls(Channel channel, SslContext tls) {
    SslHandler handler = tls.newHandler(channel.alloc());
    handler.setHandshakeTimeoutMillis(context.config().connectTimeout().toMillis());
    channel.pipeline()
        .addLast("tls", handler)
        .addLast("tls-identity", new TlsIdentityHandler(context));
  }
}
