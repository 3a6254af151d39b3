package io.eoc.ingest.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP endpoint (Netty). Routes run on a separate executor group because they query the
 * database; the event loop never blocks. Streamed responses are written by threads of their own
 * ({@link ChunkedResponses}).
 */
public final class HttpServer implements AutoCloseable {
  /** Streamed responses (evidence exports) at once; each holds a database connection while it runs. */
  static final int MAX_STREAMS = 8;
  static final int CHUNK_SIZE = 64 * 1024;
  /** How long a streamed response waits for a client that takes nothing before it drops the connection. */
  static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventExecutorGroup blocking = new DefaultEventExecutorGroup(4);
  private final ChunkedResponses streams = new ChunkedResponses(MAX_STREAMS, CHUNK_SIZE, STALL_TIMEOUT);
  private final ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
  private final Channel channel;

  private HttpServer(String host, int port, Router router) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024));
            ch.pipeline().addLast(blocking, new Handler(router, streams));
          }
        });
    this.channel = b.bind(host, port).sync().channel();
  }

  /** Binds and serves; port 0 picks a free port. Fails with a clear message if the port is taken. */
  public static HttpServer start(String host, int port, Router router) {
    try {
      return new HttpServer(host, port, router);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding HTTP port " + port, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    // Close open keep-alive connections while their event loop and the route executor still run;
    // otherwise their pipelines are torn down on terminated executors.
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    blocking.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    streams.close();
  }

  /** Sends a response held in memory, with its {@code Content-Length}. */
  static void sendWhole(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
        Unpooled.wrappedBuffer(r.body()));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setKeepAlive(resp, keepAlive);
    var f = ctx.writeAndFlush(resp);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Router router;
    private final ChunkedResponses streams;

    Handler(Router router, ChunkedResponses streams) {
      this.router = router;
      this.streams = streams;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      if (!req.decoderResult().isSuccess()) {
        sendWhole(ctx, ApiResponse.error(400, "malformed HTTP request"), keepAlive);
        return;
      }
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      byte[] body = new byte[req.content().readableBytes()];
      req.content().getBytes(req.content().readerIndex(), body);
      InetSocketAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
      boolean loopback = peer != null && peer.getAddress().isLoopbackAddress();
      Map<String, String> headers = new HashMap<>();
      req.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      ApiRequest request = new ApiRequest(req.method().name(), q.path(), q.parameters(), body, loopback, headers,
          peer == null ? "unknown" : peer.getAddress().getHostAddress(), Optional.empty());
      ApiResponse r = router.dispatch(request);
      if (r.stream().isPresent()) {
        streams.send(ctx, request, r, keepAlive);
      } else {
        sendWhole(ctx, r, keepAlive);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
