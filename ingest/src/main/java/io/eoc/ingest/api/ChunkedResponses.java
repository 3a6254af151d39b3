package io.eoc.ingest.api;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends streamed responses ({@link ApiResponse#streamed}) with {@code Transfer-Encoding: chunked}
 * (RFC 9112 §7.1). Each body writer runs on a thread of its own, never on the event loop, at most
 * {@code maxStreams} at once (a further one is answered 503); see {@link ChunkedOutput} for the
 * back-pressure.
 *
 * <p>A writer that fails before the head went out gets the error response any route would. One that
 * fails after has its connection closed without the terminating zero-length chunk, so the client sees a
 * truncated transfer, never a complete short body (RFC 9112 §8: an incomplete chunked message).
 */
final class ChunkedResponses implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChunkedResponses.class);
  private final ThreadPoolExecutor writers;
  private final int chunkSize;
  private final Duration stallTimeout;

  ChunkedResponses(int maxStreams, int chunkSize, Duration stallTimeout) {
    this.writers = new ThreadPoolExecutor(0, maxStreams, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        new DefaultThreadFactory("eoc-http-stream", true));
    this.chunkSize = chunkSize;
    this.stallTimeout = stallTimeout;
  }

  /** Starts sending {@code response} (streamed) as the answer to {@code request}; returns at once. */
  void send(ChannelHandlerContext ctx, ApiRequest request, ApiResponse response, boolean keepAlive) {
    BodyWriter body = response.stream().orElseThrow(() -> new IllegalArgumentException("not a streamed response"));
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setTransferEncodingChunked(head, true);
    HttpUtil.setKeepAlive(head, keepAlive);
    if (request.method().equals("HEAD")) {
      ctx.write(head);
      done(ctx, ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), keepAlive);
      return;
    }
    // No further request is read from this connection until this body is sent: answers go in order.
    ctx.channel().config().setAutoRead(false);
    try {
      writers.execute(() -> stream(ctx, request, head, body, keepAlive));
    } catch (RejectedExecutionException e) {
      ctx.channel().config().setAutoRead(true);
      HttpServer.sendWhole(ctx, ApiResponse.error(503, "too many streamed responses at once (" + writers.getMaximumPoolSize()
          + "); try again shortly"), keepAlive);
    }
  }

  private void stream(ChannelHandlerContext ctx, ApiRequest request, HttpResponse head, BodyWriter body, boolean keepAlive) {
    ChunkedOutput out = new ChunkedOutput(ctx, head, chunkSize, stallTimeout);
    try {
      body.writeTo(out);
      out.finish();
    } catch (Exception e) {
      failed(ctx, request, out, e, keepAlive);
      return;
    } catch (Error e) {
      ctx.close();
      throw e;
    }
    done(ctx, ctx.newSucceededFuture(), keepAlive);
  }

  private static void failed(ChannelHandlerContext ctx, ApiRequest request, ChunkedOutput out, Exception e, boolean keepAlive) {
    if (!out.committed()) {
      HttpServer.sendWhole(ctx, Router.failure(request, e), keepAlive);
      ctx.channel().config().setAutoRead(true);
    } else if (out.clientGone()) {
      log.info("{} {}: sending stopped after {} bytes: {}", request.method(), request.path(), out.sent(), e.getMessage());
      ctx.close();
    } else {
      log.warn("{} {}: the body failed after {} bytes were sent; connection closed so that the client sees it cut short",
          request.method(), request.path(), out.sent(), e);
      ctx.close();
    }
  }

  private static void done(ChannelHandlerContext ctx, ChannelFuture last, boolean keepAlive) {
    if (keepAlive) {
      ctx.channel().config().setAutoRead(true);
    } else {
      last.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
