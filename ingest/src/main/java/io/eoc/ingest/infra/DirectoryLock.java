package io.eoc.ingest.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive claim by one kind of embedded server (Kafka, PostgreSQL) on a data directory, held
 * for the life of one instance so that two instances never write the same files. Each kind has
 * its own lock file ({@code kafka.lock}, {@code postgresql.lock}), so one data root can hold both.
 *
 * <p>Claims inside this JVM are tracked in a set <em>before</em> any file is opened: on Linux a
 * {@code FileChannel} lock is a POSIX record lock, and closing <em>any</em> descriptor of the lock
 * file in this process would silently drop the lock held by the first instance. The OS lock then
 * only has to guard against other processes.
 */
final class DirectoryLock implements AutoCloseable {

  private static final Set<Path> CLAIMED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean released = new AtomicBoolean();

  private DirectoryLock(Path directory, Path lockFile, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code directory} if needed and claims it for {@code server}.
   *
   * @param server names the server kind, in the lock file name and in error messages
   * @throws IllegalStateException if another running instance of that kind holds the directory
   */
  static DirectoryLock acquire(Path directory, String server) throws IOException {
    Files.createDirectories(directory);
    Path realDirectory = directory.toRealPath();
    Path lockFile = realDirectory.resolve(server.toLowerCase(Locale.ROOT) + ".lock");
    if (!CLAIMED_IN_THIS_JVM.add(lockFile)) {
      throw new IllegalStateException(server + " data directory " + realDirectory
          + " is in use by another running instance in this JVM");
    }
    try {
      return lockFile(realDirectory, lockFile, server);
    } catch (IOException | RuntimeException e) {
      CLAIMED_IN_THIS_JVM.remove(lockFile);
      throw e;
    }
  }

  private static DirectoryLock lockFile(Path directory, Path lockFile, String server)
      throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(server + " data directory " + directory
          + " is in use by another running process (it holds " + lockFile + ")");
    }
    return new DirectoryLock(directory, lockFile, channel, lock);
  }

  /** The claimed directory, with symbolic links resolved. */
  Path directory() {
    return directory;
  }

  /** Releases the claim; idempotent. */
  @Override
  public void close() throws IOException {
    if (released.getAndSet(true)) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } finally {
      CLAIMED_IN_THIS_JVM.remove(lockFile);
    }
  }
}
