package io.eoc.wire.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM files (RFC 7468): PKCS#8 private keys, X.509 certificates, PKCS#10 requests. */
final class Pem {

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private Pem() {}

  /** Whether overwriting an existing file is allowed. */
  enum Overwrite { ALLOWED, REFUSED }

  static String encode(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot PEM-encode " + objects.length + " objects", e);
    }
    return text.toString();
  }

  static String encodeCertificates(List<X509Certificate> certificates) {
    return encode(certificates.toArray());
  }

  /** PKCS#8 "PRIVATE KEY", written to a new file of mode 0600 that replaces {@code file} atomically. */
  static void writePrivateKey(Path file, PrivateKey key, Overwrite overwrite) throws IOException {
    String pem = encode(new JcaPKCS8Generator(key, null));
    write(file, pem, true, overwrite);
  }

  static void writePublic(Path file, String pem, Overwrite overwrite) throws IOException {
    write(file, pem, false, overwrite);
  }

  /**
   * Writes a temporary file beside {@code file} (created 0600 when {@code secret}, so the key is
   * never readable by others, not even for a moment), syncs it, renames it into place, and syncs the directory.
   */
  private static void write(Path file, String pem, boolean secret, Overwrite overwrite) throws IOException {
    if (overwrite == Overwrite.REFUSED && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite");
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = isPosix(dir)
        ? Files.createTempFile(dir, ".eoc-pki-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
        : Files.createTempFile(dir, ".eoc-pki-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      if (!secret && isPosix(dir)) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      io.eoc.wire.io.DurableFiles.forceDirectory(dir); // the new name, too, survives a power loss
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Refuses a key file that group or others may access, as OpenSSH does. */
  static PrivateKey readPrivateKey(Path file) throws IOException {
    if (isPosix(file.toAbsolutePath().getParent())) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        throw new IOException("private key file " + file + " is accessible by group or others ("
            + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
      }
    }
    Object parsed = parseOne(Files.readString(file, StandardCharsets.US_ASCII), file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (parsed instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    if (parsed instanceof PEMKeyPair pair) { // "EC PRIVATE KEY", as openssl ecparam writes it
      return converter.getKeyPair(pair).getPrivate();
    }
    throw new IOException(file + ": not an unencrypted private key (PKCS#8 \"PRIVATE KEY\" expected)");
  }

  static List<X509Certificate> readCertificates(Path file) throws IOException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IOException(file + ": no certificate found");
      }
      return List.copyOf(certificates);
    } catch (CertificateException e) {
      throw new IOException(file + ": not a PEM X.509 certificate: " + e.getMessage(), e);
    }
  }

  static X509Certificate readCertificate(Path file) throws IOException {
    List<X509Certificate> certificates = readCertificates(file);
    if (certificates.size() != 1) {
      throw new IOException(file + ": expected one certificate, found " + certificates.size());
    }
    return certificates.get(0);
  }

  static PKCS10CertificationRequest parseRequest(String pem) {
    try {
      Object parsed = parseOne(pem, null);
      if (parsed instanceof PKCS10CertificationRequest request) {
        return request;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM certificate request: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("not a PEM certificate request (\"CERTIFICATE REQUEST\" expected)");
  }

  private static Object parseOne(String pem, Path source) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      if (parsed == null) {
        throw new IOException((source == null ? "input" : source.toString()) + ": no PEM object found");
      }
      return parsed;
    }
  }

  private static boolean isPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
