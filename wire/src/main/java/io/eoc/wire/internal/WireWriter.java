package io.eoc.wire.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Appends primitives in the wire encoding: LEB128 varints, zigzag for signed, big-endian fixed. */
public final class WireWriter {
  private final ByteArrayOutputStream out;

  public WireWriter(int expectedSize) {
    this.out = new ByteArrayOutputStream(expectedSize);
  }

  public WireWriter bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  public WireWriter u8(int v) {
    out.write(v & 0xFF);
    return this;
  }

  public WireWriter varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  public WireWriter zigzag(long v) {
    return varint((v << 1) ^ (v >> 63));
  }

  public WireWriter fixed64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift) & 0xFF);
    }
    return this;
  }

  public WireWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length);
    return bytes(b);
  }

  public WireWriter fixed32(long v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift) & 0xFF);
    }
    return this;
  }

  public int size() {
    return out.size();
  }

  /** Everything written so far, for a message that has no checksum of its own. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  public WireWriter bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** Appends a CRC32C of everything written so far and returns the finished message. */
  public byte[] finishWithChecksum() {
    CRC32C crc = new CRC32C();
    byte[] body = out.toByteArray();
    crc.update(body, 0, body.length);
    long c = crc.getValue();
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (c >>> shift) & 0xFF);
    }
    return out.toByteArray();
  }
}
