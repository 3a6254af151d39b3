package io.eoc.wire.seal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * Key files: PEM (RFC 7468) "PRIVATE KEY" (PKCS#8) and "PUBLIC KEY" (X.509 SubjectPublicKeyInfo).
 * Private keys are created 0600 from the first byte (on POSIX file systems), written to a temporary
 * file that is synced and renamed into place, and never overwritten.
 */
final class KeyFiles {
  static final String PRIVATE = "PRIVATE KEY";
  static final String PUBLIC = "PUBLIC KEY";
  private static final int MAX_FILE = 64 * 1024;

  private KeyFiles() {}

  static void createDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, posix(dir.getParent(), "rwx------"));
    }
  }

  static void write(Path file, String type, byte[] der) throws IOException {
    String pem = "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), PRIVATE.equals(type) ? "rw-------" : "rw-r--r--");
  }

  static byte[] read(Path file, String type) throws IOException {
    String text = readText(file);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + ": not a PEM " + type);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": PEM " + type + " is not valid base64", e);
    }
  }

  static String readText(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE) {
      throw new IOException(file + ": larger than " + MAX_FILE + " bytes, not a key file");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  static void writeText(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
  }

  /** Writes a temporary file beside {@code file}, syncs it, renames it into place and syncs the directory; refuses to replace. */
  private static void writeAtomically(Path file, byte[] content, String mode) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key file");
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), posix(file.getParent(), mode))) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    io.eoc.wire.io.DurableFiles.forceDirectory(file.toAbsolutePath().getParent()); // the new name, too, survives a power loss
  }

  /** The permission attribute on POSIX file systems; none elsewhere (e.g. Windows ACLs). */
  private static FileAttribute<?>[] posix(Path near, String mode) {
    Path probe = near == null ? Path.of(".") : near;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    boolean isPosix = (probe == null ? Path.of(".") : probe).getFileSystem()
        .supportedFileAttributeViews().contains("posix");
    return isPosix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
        : new FileAttribute<?>[0];
  }
}
