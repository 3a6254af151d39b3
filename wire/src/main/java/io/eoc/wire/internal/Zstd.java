package io.eoc.wire.internal;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.eoc.wire.MalformedMessageException;
import java.util.Arrays;

/**
 * Zstandard (RFC 8878) for batch bodies, through aircompressor: pure Java, so nothing native is
 * extracted to a temporary directory at run time (edge gateways often mount /tmp noexec, run musl
 * or an uncommon CPU), a 250 KiB jar, maintained with Trino. zstd-jni would be faster but a batch
 * body is a few KiB, where speed does not matter and portability does.
 *
 * <p>Decompression is bounded: the caller states the exact size it expects (itself capped), the
 * frame must declare the same content size, and the output buffer is exactly that big, so a
 * decompression bomb fails instead of allocating.
 */
public final class Zstd {
  private Zstd() {}

  public static byte[] compress(byte[] raw) {
    ZstdCompressor compressor = new ZstdCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
    int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  /**
   * Decompresses one frame whose content must be exactly {@code expectedLength} bytes.
   *
   * @param at the frame's offset in the message, for errors
   */
  public static byte[] decompress(byte[] frame, int expectedLength, int at) throws MalformedMessageException {
    byte[] out = new byte[expectedLength];
    try {
      long declared = ZstdDecompressor.getDecompressedSize(frame, 0, frame.length);
      if (declared != expectedLength) {
        throw new MalformedMessageException("zstd frame declares " + declared + " bytes, the header "
            + expectedLength, at);
      }
      int n = new ZstdDecompressor().decompress(frame, 0, frame.length, out, 0, out.length);
      if (n != expectedLength) {
        throw new MalformedMessageException("zstd frame holds " + n + " bytes, the header says " + expectedLength, at);
      }
      return out;
    } catch (RuntimeException e) {
      // The library's boundary with untrusted input: it signals corruption with assorted unchecked
      // exceptions (MalformedInputException, index and argument errors); all mean "corrupt body".
      throw new MalformedMessageException("corrupt zstd body: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), at);
    }
  }
}
