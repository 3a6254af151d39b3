package io.eoc.wire.seal;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import io.eoc.wire.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Counters reserved in blocks on disk: before handing out any counter of a block, the end of the
 * block is written to a temporary file, synced, renamed over the reservation file and the
 * directory synced. After a crash the source resumes at the last durable reservation, skipping
 * what the lost block had left: counters are lost, never reused.
 *
 * <p>The file ("EOCN" | version u8 | reserved-up-to varint | CRC32C) belongs with the agent's keys:
 * {@link #create} it when the keys are generated and {@link #open} it ever after. A missing or
 * corrupt file is an error, not a fresh start, since starting again at 0 under the same keys
 * would reuse nonces.
 */
public final class FileNonceSource implements NonceSource {
  public static final int DEFAULT_BLOCK = 1024;
  private static final byte[] MAGIC = "EOCN".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private final Path file;
  private final int block;
  private long next;
  private long reservedEnd;

  private FileNonceSource(Path file, int block, long start) {
    if (block < 1) {
      throw new IllegalArgumentException("block must be >= 1, was " + block);
    }
    this.file = file;
    this.block = block;
    this.next = start;
    this.reservedEnd = start;
  }

  /** Starts a new counter at 0 in a file that must not exist yet. */
  public static FileNonceSource create(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "a nonce reservation file exists already");
    }
    FileNonceSource source = new FileNonceSource(file, DEFAULT_BLOCK, 0);
    source.persist(0);
    return source;
  }

  public static FileNonceSource open(Path file) throws IOException {
    return open(file, DEFAULT_BLOCK);
  }

  /** Resumes after the last reservation in {@code file}, reserving {@code block} counters at a time. */
  public static FileNonceSource open(Path file, int block) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null,
          "nonce reservation file missing: refusing to start over under existing keys (nonce reuse); "
              + "generate new keys together with a new file");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      WireReader r = WireReader.checked(bytes, MAGIC.length + 2);
      r.expect(MAGIC, "a nonce reservation file");
      int version = r.u8("version");
      if (version != VERSION) {
        throw new MalformedMessageException("unsupported version " + version, 4);
      }
      long reserved = r.varint("reserved counter");
      r.expectEnd("nonce reservation");
      if (reserved < 0) {
        throw new MalformedMessageException("counter exhausted", 5);
      }
      return new FileNonceSource(file, block, reserved);
    } catch (MalformedMessageException e) {
      throw new IOException(file + ": corrupt nonce reservation file (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public synchronized long next() throws IOException {
    if (next == reservedEnd) {
      long end = next + block;
      if (end < 0) {
        throw new IOException("nonce counter exhausted: generate new keys");
      }
      persist(end);
      reservedEnd = end;
    }
    return next++;
  }

  private void persist(long reserved) throws IOException {
    byte[] content = new WireWriter(16).bytes(MAGIC).u8(VERSION).varint(reserved).finishWithChecksum();
    DurableFiles.replace(file, content);
  }

  @Override
  public String toString() {
    return "FileNonceSource[" + file + ", next " + next + ", reserved to " + reservedEnd + "]";
  }
}
