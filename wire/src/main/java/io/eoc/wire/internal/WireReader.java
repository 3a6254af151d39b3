package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads primitives with bounds checks on every step: truncated or hostile input becomes a
 * {@link MalformedMessageException} naming the offset, never an exception from the JDK, a huge
 * allocation or a hang.
 */
public final class WireReader {
  private final byte[] data;
  private final int end;
  private final String label;
  private int pos;

  private WireReader(byte[] data, int end, String label) {
    this.data = data;
    this.end = end;
    this.label = label;
  }

  /**
   * A reader over the whole of {@code data}, which has no checksum of its own (a decompressed
   * body, a signed envelope); {@code label} prefixes every error so that offsets are read against
   * the right buffer.
   */
  public static WireReader of(byte[] data, String label) {
    return new WireReader(data, data.length, label.isEmpty() ? "" : label + ": ");
  }

  /** Checks the trailing CRC32C and returns a reader over the body. */
  public static WireReader checked(byte[] data, int minimumBody) throws MalformedMessageException {
    if (data == null || data.length < minimumBody + 4) {
      throw new MalformedMessageException("message too short: " + (data == null ? 0 : data.length) + " bytes", 0);
    }
    int bodyEnd = data.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(data, 0, bodyEnd);
    long expected = ((data[bodyEnd] & 0xFFL) << 24) | ((data[bodyEnd + 1] & 0xFFL) << 16)
        | ((data[bodyEnd + 2] & 0xFFL) << 8) | (data[bodyEnd + 3] & 0xFFL);
    if (crc.getValue() != expected) {
      throw new MalformedMessageException("checksum mismatch: message altered or truncated", bodyEnd);
    }
    return new WireReader(data, bodyEnd, "");
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public void expect(byte[] magic, String what) throws MalformedMessageException {
    need(magic.length, what);
    for (int i = 0; i < magic.length; i++) {
      if (data[pos + i] != magic[i]) {
        throw new MalformedMessageException(label + "not " + what + ": wrong magic bytes", pos);
      }
    }
    pos += magic.length;
  }

  public int u8(String what) throws MalformedMessageException {
    need(1, what);
    return data[pos++] & 0xFF;
  }

  public long varint(String what) throws MalformedMessageException {
    long result = 0;
    int start = pos;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1, what);
      byte b = data[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedMessageException(label + what + ": varint longer than 10 bytes", start);
  }

  public long zigzag(String what) throws MalformedMessageException {
    long v = varint(what);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A non-negative count no larger than {@code max}, and no larger than the bytes left allow. */
  public int count(String what, int max, int minBytesEach) throws MalformedMessageException {
    int start = pos;
    long v = varint(what);
    if (v < 0 || v > max || v * Math.max(minBytesEach, 0) > remaining()) {
      throw new MalformedMessageException(label + what + " " + v + " is impossible here (max " + max + ")", start);
    }
    return (int) v;
  }

  public long fixed64(String what) throws MalformedMessageException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos++] & 0xFF);
    }
    return v;
  }

  public String string(String what, int maxBytes) throws MalformedMessageException {
    int start = pos;
    int len = count(what + " length", maxBytes, 1);
    need(len, what);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, pos, len)).toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw new MalformedMessageException(label + what + ": not valid UTF-8", start);
    }
  }

  public long fixed32(String what) throws MalformedMessageException {
    need(4, what);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (data[pos++] & 0xFF);
    }
    return v;
  }

  /** A copy of the next {@code n} bytes. */
  public byte[] bytes(int n, String what) throws MalformedMessageException {
    need(n, what);
    byte[] copy = java.util.Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return copy;
  }

  /** A copy of everything left before the end (or the checksum). */
  public byte[] rest() {
    byte[] copy = java.util.Arrays.copyOfRange(data, pos, end);
    pos = end;
    return copy;
  }

  /** A bit reader starting at the current position; hand it back to {@link #endBits}. */
  public BitReader beginBits() {
    return new BitReader(data, pos, end, label);
  }

  /** Continues byte-wise after the bits {@code bits} read (a partial last byte is padding). */
  public void endBits(BitReader bits) {
    pos = bits.alignedPosition();
  }

  /** Prefixes {@code message} with this reader's label, for errors raised by callers. */
  public MalformedMessageException error(String message, int at) {
    return new MalformedMessageException(label + message, at);
  }

  public boolean bool(String what) throws MalformedMessageException {
    int start = pos;
    int v = u8(what);
    if (v > 1) {
      throw new MalformedMessageException(label + what + ": expected 0 or 1, found " + v, start);
    }
    return v == 1;
  }

  public void expectEnd(String what) throws MalformedMessageException {
    if (pos != end) {
      throw new MalformedMessageException(label + what + ": " + (end - pos) + " unexpected trailing bytes", pos);
    }
  }

  private void need(int n, String what) throws MalformedMessageException {
    if (n < 0 || end - pos < n) {
      throw new MalformedMessageException(label + what + ": truncated (needs " + n + " bytes, " + (end - pos) + " left)", pos);
    }
  }
}
