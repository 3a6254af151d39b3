package io.eoc.edge.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;

/**
 * Validates the server's certificate and, when it is refused, writes it to {@code rejected/} as
 * {@code <sha1>.der}, the file the engineer moves to {@code trusted/}. (Milo 1.1.2's client
 * validator does not reliably quarantine to disk, so this is done here.)
 */
final class RejectedDirectory implements CertificateValidator {
  private final Path rejected;
  private final DefaultClientCertificateValidator delegate;
  private final AtomicBoolean rejectedAny = new AtomicBoolean();

  RejectedDirectory(Path rejected, DefaultClientCertificateValidator delegate) {
    this.rejected = rejected;
    this.delegate = delegate;
  }

  @Override
  public void validateCertificateChain(List<X509Certificate> chain, String applicationUri,
      String[] validHostNames) throws UaException {
    try {
      delegate.validateCertificateChain(chain, applicationUri, validHostNames);
    } catch (UaException e) {
      if (!chain.isEmpty()) {
        store(chain.get(0));
      }
      throw e;
    }
  }

  private void store(X509Certificate certificate) {
    try {
      byte[] der = certificate.getEncoded();
      String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der)) + ".der";
      Path tmp = Files.createTempFile(rejected, ".rejected", ".tmp");
      Files.write(tmp, der);
      Files.move(tmp, rejected.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      rejectedAny.set(true);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the rejected certificate to " + rejected, e);
    }
  }

  boolean rejectedAny() {
    return rejectedAny.get();
  }
}
