package io.eoc.ingest.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a child JVM by {@link DirectoryLockTest}: locks the file named by the first argument,
 * writes one line to standard output (the protocol with the parent, not logging), and holds the
 * lock until its standard input is closed.
 */
final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("locked " + lock.isValid());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // Hold the lock until the parent closes our standard input.
      }
    }
  }
}
