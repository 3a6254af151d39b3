package io.eoc.edge.outbox;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of acked sequences: an append-only file {@code acks} of 12-byte entries
 * (sequence, CRC32C of the sequence). Every ack is written to the OS before {@code ack} returns, so
 * a process crash (kill -9) loses none; the file is forced every {@code syncEvery} acks, so a power
 * loss loses fewer than that many. The CRC matters: a torn entry read as a sequence would drop a
 * batch nobody acked.
 *
 * <p>Rewritten (temp file, fsync, atomic rename) with just the acks of live segments when it has
 * grown, because the deletion of a segment already says that all its records were acked.
 * {@link RandomAccessFile}, not FileChannel, because ack callbacks run on MQTT client threads that
 * may be interrupted (see {@link Segment}).
 */
final class AckLog implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(AckLog.class);
  private static final int ENTRY_BYTES = 12;

  private final Path dir;
  private final Path file;
  private final int syncEvery;
  private RandomAccessFile raf;
  private long entries;
  private int unsynced;
  private boolean closed;

  private AckLog(Path dir, int syncEvery) {
    this.dir = dir;
    this.file = dir.resolve("acks");
    this.syncEvery = syncEvery;
  }

  record Loaded(AckLog log, long[] acked) {}

  /** Opens the log and returns it with the sequences it holds; a torn last entry is cut off. */
  static Loaded open(Path dir, int syncEvery) throws IOException {
    AckLog ackLog = new AckLog(dir, syncEvery);
    try {
      return new Loaded(ackLog, ackLog.load());
    } catch (IOException | RuntimeException e) {
      if (ackLog.raf != null) {
        ackLog.raf.close();
      }
      throw e;
    }
  }

  private long[] load() throws IOException {
    raf = new RandomAccessFile(file.toFile(), "rw");
    long size = raf.length();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("ack log " + file + " is " + size + " bytes, more than it can ever be");
    }
    byte[] bytes = new byte[(int) size];
    raf.readFully(bytes);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long[] acked = new long[bytes.length / ENTRY_BYTES];
    int n = 0;
    while (buffer.remaining() >= ENTRY_BYTES) {
      long sequence = buffer.getLong();
      if (buffer.getInt() != crc(sequence)) {
        break;
      }
      acked[n++] = sequence;
    }
    long valid = (long) n * ENTRY_BYTES;
    if (valid < size) {
      // Only entries after the last fsync can be torn; losing them means resending a few batches.
      log.warn("outbox ack log {}: {} bytes at offset {} are not a valid entry; cut off", file,
          size - valid, valid);
      raf.setLength(valid);
      raf.getFD().sync();
    }
    raf.seek(valid);
    entries = n;
    return Arrays.copyOf(acked, n);
  }

  synchronized void append(long sequence) throws IOException {
    raf.write(entry(sequence));
    entries++;
    unsynced++;
  }

  synchronized boolean syncDue() {
    return unsynced >= syncEvery;
  }

  synchronized void sync() throws IOException {
    if (unsynced > 0 && !closed) {
      raf.getFD().sync();
      unsynced = 0;
    }
  }

  synchronized long entries() {
    return entries;
  }

  /** Replaces the log by one holding exactly {@code acked}; durable when it returns. */
  synchronized void rewrite(long[] acked) throws IOException {
    Path tmp = dir.resolve("acks.tmp");
    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
        BufferedOutputStream out = new BufferedOutputStream(fos, 64 * 1024)) {
      for (long sequence : acked) {
        out.write(entry(sequence));
      }
      out.flush();
      fos.getFD().sync();
    }
    raf.close();
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Fsync.directory(dir);
      entries = acked.length;
      unsynced = 0;
    } finally {
      // Whether or not the rename happened, go on appending to whatever file is the log now.
      raf = new RandomAccessFile(file.toFile(), "rw");
      raf.seek(raf.length());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      sync();
      closed = true;
      raf.close();
    }
  }

  private static byte[] entry(long sequence) {
    return ByteBuffer.allocate(ENTRY_BYTES).putLong(sequence).putInt(crc(sequence)).array();
  }

  private static int crc(long sequence) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
    return (int) crc.getValue();
  }
}
