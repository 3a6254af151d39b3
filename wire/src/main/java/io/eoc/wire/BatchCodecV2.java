package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import io.eoc.wire.internal.Zstd;

/**
 * Version 2: a small plain header, then a columnar body ({@link BatchBodyV2}), zstd-compressed
 * when that makes it smaller.
 *
 * <pre>
 * "EOCB" | version u8 (2) | flags u8 (bit 0: body is one zstd frame, RFC 8878; others 0)
 * | agentId str | sequence varint | createdAt µs zigzag
 * | bodyLength varint (uncompressed, ≤ 64 MiB) | body (zstd frame or raw) up to the checksum
 * | CRC32C of all preceding bytes (4, big-endian)
 * </pre>
 *
 * The body length is declared up front so that a decompression bomb is refused before any
 * allocation beyond the cap.
 */
final class BatchCodecV2 {
  static final int VERSION = 2;
  static final int MAX_BODY = 64 << 20;
  private static final int FLAG_ZSTD = 1;

  private BatchCodecV2() {}

  static byte[] encode(Batch batch) {
    byte[] body = BatchBodyV2.write(batch);
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("batch body of " + body.length + " bytes exceeds " + MAX_BODY);
    }
    byte[] packed = Zstd.compress(body);
    boolean compressed = packed.length < body.length;
    WireWriter w = new WireWriter(64 + Math.min(packed.length, body.length));
    w.bytes(BatchCodec.MAGIC).u8(VERSION).u8(compressed ? FLAG_ZSTD : 0)
        .string(batch.agentId()).varint(batch.sequence()).zigzag(BatchCodec.micros(batch.createdAt()))
        .varint(body.length).bytes(compressed ? packed : body);
    return w.finishWithChecksum();
  }

  /** Reads from the flags byte on. */
  static Batch decode(WireReader r) throws MalformedMessageException {
    int flags = r.u8("flags");
    if ((flags & ~FLAG_ZSTD) != 0) {
      throw new MalformedMessageException("unsupported batch flags " + flags, 5);
    }
    String agent = BatchCodec.name(r, "agent id");
    long sequence = BatchCodec.sequence(r);
    long created = r.zigzag("createdAt");
    int bodyLength = r.count("body length", MAX_BODY, 0);
    int at = r.position();
    byte[] body;
    if ((flags & FLAG_ZSTD) != 0) {
      body = Zstd.decompress(r.rest(), bodyLength, at);
    } else {
      if (r.remaining() != bodyLength) {
        throw new MalformedMessageException("body of " + r.remaining() + " bytes, header says " + bodyLength, at);
      }
      body = r.rest();
    }
    return BatchBodyV2.read(WireReader.of(body, "batch body"), agent, sequence, created);
  }
}
