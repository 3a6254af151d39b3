package io.eoc.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import java.util.List;

/**
 * Cuts the byte stream into whole MQTT packets of bounded size before {@code MqttDecoder} sees
 * them, using only the fixed header (MQTT 3.1.1 §2.2, MQTT 5 §2.1.1: one byte of type and flags,
 * then Remaining Length as a Variable Byte Integer of at most four bytes).
 *
 * <p>Why: netty-codec-mqtt before 4.2.13 (GHSA-jfg9-48mv-9qgx, CVE-2026-44248) parses and
 * buffers the whole variable header — MQTT 5 properties included — before applying its
 * {@code maxBytesInMessage}, and being a ReplayingDecoder re-parses it on every read. Here an
 * oversized packet is refused as soon as its fixed header arrives, and the decoder only ever gets
 * complete frames, so it never replays.
 *
 * <p>Malformed input becomes data: the failure travels on as an MqttMessage whose
 * DecoderResult failed, like the decoder's own failures, and everything after it is discarded.
 */
final class MqttFrameLimiter extends ByteToMessageDecoder {

  private static final int MAX_LENGTH_BYTES = 4;

  private final int maxRemainingLength;
  private boolean discarding;

  MqttFrameLimiter(int maxRemainingLength) {
    this.maxRemainingLength = maxRemainingLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (discarding) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int remainingLength = 0;
    for (int n = 0; ; n++) {
      if (n == MAX_LENGTH_BYTES) {
        fail(in, out, new DecoderException("remaining length exceeds 4 bytes"));
        return;
      }
      if (in.readableBytes() < n + 2) {
        return; // the fixed header is not complete yet
      }
      int digit = in.getUnsignedByte(start + 1 + n);
      remainingLength += (digit & 0x7F) << (7 * n);
      if ((digit & 0x80) == 0) {
        emitWhenComplete(in, out, n + 2, remainingLength);
        return;
      }
    }
  }

  private void emitWhenComplete(ByteBuf in, List<Object> out, int headerLength, int remainingLength) {
    if (remainingLength > maxRemainingLength) {
      fail(in, out, new TooLongFrameException(
          "message length exceeds " + maxRemainingLength + ": " + remainingLength));
    } else if (in.readableBytes() >= headerLength + remainingLength) {
      out.add(in.readRetainedSlice(headerLength + remainingLength));
    }
  }

  private void fail(ByteBuf in, List<Object> out, DecoderException cause) {
    discarding = true;
    in.skipBytes(in.readableBytes());
    out.add(MqttMessageFactory.newInvalidMessage(cause));
  }
}
