package io.eoc.edge.outbox;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one record, big-endian:
 *
 * <pre>
 *  0  int   magic 0xE0C0B0C1 (format version 1)
 *  4  int   payload length
 *  8  long  sequence
 * 16  long  appendedAt, epoch milliseconds
 * 24  int   CRC32C of bytes 0..23 and the payload
 * 28  byte[length] payload
 * </pre>
 *
 * <p>Decoding never throws for malformed bytes: the problem comes back as data (the Netty
 * {@code DecoderResult} idea), because the caller decides whether it is a torn tail or corruption.
 */
final class FrameCodec {
  static final int MAGIC = 0xE0C0B0C1;
  static final int HEADER_BYTES = 28;
  private static final int CRC_COVERED_HEADER = 24;
  private static final int CHUNK = 64 * 1024;

  private FrameCodec() {}

  /** The location and header of one valid frame. */
  record Frame(long offset, int payloadLength, long sequence, long appendedAtMillis) {
    long end() {
      return offset + frameBytes(payloadLength);
    }
  }

  /** Either a frame or the reason why the bytes at {@code offset} are not one. */
  record Decoded(long offset, Frame frame, String problem) {
    boolean valid() {
      return frame != null;
    }
  }

  static long frameBytes(int payloadLength) {
    return HEADER_BYTES + (long) payloadLength;
  }

  /** The header to write in front of {@code payload}; ready to read. */
  static ByteBuffer header(long sequence, long appendedAtMillis, byte[] payload) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC).putInt(payload.length).putLong(sequence).putLong(appendedAtMillis);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, CRC_COVERED_HEADER);
    crc.update(payload);
    header.putInt((int) crc.getValue());
    return header.flip();
  }

  /** Checks the frame at {@code offset} of a file whose valid data ends at {@code end}. */
  static Decoded decode(FileChannel channel, long offset, long end) throws IOException {
    if (end - offset < HEADER_BYTES) {
      return bad(offset, "incomplete header (" + (end - offset) + " of " + HEADER_BYTES + " bytes)");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(channel, header, offset);
    header.flip();
    int magic = header.getInt();
    int length = header.getInt();
    long sequence = header.getLong();
    long millis = header.getLong();
    int storedCrc = header.getInt();
    if (magic != MAGIC) {
      return bad(offset, String.format("bad magic 0x%08X", magic));
    }
    if (length < 0 || offset + frameBytes(length) > end) {
      return bad(offset, "payload length " + length + " runs past the end of the file at " + end);
    }
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, CRC_COVERED_HEADER);
    updateFromFile(crc, channel, offset + HEADER_BYTES, length);
    if ((int) crc.getValue() != storedCrc) {
      return bad(offset, "CRC32C mismatch for sequence " + sequence);
    }
    return new Decoded(offset, new Frame(offset, length, sequence, millis), null);
  }

  /**
   * Whether a valid frame starts anywhere in {@code [from, end)}. A torn write leaves nothing valid
   * behind it; valid data behind a bad frame means the bad frame is corruption, not a torn tail.
   */
  static boolean validFrameAfter(FileChannel channel, long from, long end) throws IOException {
    ByteBuffer window = ByteBuffer.allocate(CHUNK);
    for (long base = from; base + HEADER_BYTES <= end; base += CHUNK - 3) {
      window.clear().limit((int) Math.min(CHUNK, end - base));
      readFully(channel, window, base);
      for (int i = 0; i + 4 <= window.limit(); i++) {
        if (window.getInt(i) == MAGIC && decode(channel, base + i, end).valid()) {
          return true;
        }
      }
    }
    return false;
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("unexpected end of file at " + at);
      }
      at += n;
    }
  }

  private static void updateFromFile(CRC32C crc, FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(Math.min(CHUNK, Math.max(length, 1)));
    long at = position;
    long remaining = length;
    while (remaining > 0) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), remaining));
      readFully(channel, chunk, at);
      chunk.flip();
      crc.update(chunk);
      at += chunk.limit();
      remaining -= chunk.limit();
    }
  }

  private static Decoded bad(long offset, String problem) {
    return new Decoded(offset, null, problem);
  }
}
