package io.eoc.ingest.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream a {@link BodyWriter} writes to: it fills a chunk and hands it to the channel, writing the
 * response head first. At most one chunk is in flight; the next waits until the previous one's write has
 * completed, which bounds the memory a stream holds to two chunks and slows the writer down to what the
 * client takes. Used by one thread, never the event loop (it blocks).
 *
 * <p>{@link #flush()} sends nothing: a chunk goes out when full, the rest with {@link #finish()}. So the
 * head stays unsent (and an error can still be answered properly) until the first chunk is full.
 */
final class ChunkedOutput extends OutputStream {
  private final ChannelHandlerContext ctx;
  private final HttpResponse head;
  private final Duration stallTimeout;
  private byte[] buffer;
  private byte[] spare;
  private int count;
  private ChannelFuture inFlight;
  private boolean committed;
  private boolean finished;
  private boolean clientGone;
  private long sent;

  ChunkedOutput(ChannelHandlerContext ctx, HttpResponse head, int chunkSize, Duration stallTimeout) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be positive, was " + chunkSize);
    }
    this.ctx = ctx;
    this.head = head;
    this.stallTimeout = stallTimeout;
    this.buffer = new byte[chunkSize];
    this.spare = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      sendChunk();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      if (count == buffer.length) {
        sendChunk();
      }
      int n = Math.min(len, buffer.length - count);
      System.arraycopy(b, off, buffer, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  /** Sends the rest and the terminating chunk, and waits until they are written. */
  void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("finished already");
    }
    awaitInFlight();
    commit();
    inFlight = ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(buffer, 0, count)));
    sent += count;
    count = 0;
    finished = true;
    awaitInFlight();
  }

  /** Whether the head went out: after that, a failure can only be told by cutting the connection. */
  boolean committed() {
    return committed;
  }

  /** Whether writing failed because the connection failed or the client stopped reading. */
  boolean clientGone() {
    return clientGone;
  }

  /** Body bytes handed to the channel. */
  long sent() {
    return sent;
  }

  private void sendChunk() throws IOException {
    if (finished) {
      throw new IOException("the response is finished");
    }
    awaitInFlight();
    commit();
    inFlight = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(buffer, 0, count)));
    sent += count;
    // The spare was in the chunk before, whose write has completed: safe to fill again.
    byte[] t = buffer;
    buffer = spare;
    spare = t;
    count = 0;
  }

  private void commit() {
    if (!committed) {
      ctx.write(head);
      committed = true;
    }
  }

  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      if (!inFlight.await(stallTimeout.toMillis())) {
        clientGone = true;
        ctx.close();
        throw new IOException("the client took nothing for " + stallTimeout.toSeconds() + " s; connection closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending a response");
    }
    if (!inFlight.isSuccess()) {
      clientGone = true;
      throw new IOException("the connection failed: " + inFlight.cause(), inFlight.cause());
    }
  }
}
