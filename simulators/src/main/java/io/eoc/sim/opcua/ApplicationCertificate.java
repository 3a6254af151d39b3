package io.eoc.sim.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The server's self-signed application instance certificate (OPC UA Part 6 §6.2.2), created at
 * the first start and kept in {@code own/} so that a restarted server presents the same
 * certificate and clients that trusted it keep trusting it.
 */
record ApplicationCertificate(KeyPair keyPair, X509Certificate certificate) {
  private static final char[] PASSWORD = "eoc-simulator".toCharArray();
  private static final String ALIAS = "application";

  static ApplicationCertificate loadOrCreate(Path ownDir, String applicationUri, String host)
      throws IOException {
    Path store = ownDir.resolve("application.pfx");
    try {
      Files.createDirectories(ownDir);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (Files.exists(store)) {
        try (InputStream in = Files.newInputStream(store)) {
          ks.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
        PrivateKey key = (PrivateKey) ks.getKey(ALIAS, PASSWORD);
        return new ApplicationCertificate(new KeyPair(cert.getPublicKey(), key), cert);
      }
      KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      X509Certificate cert = new SelfSignedCertificateBuilder(keyPair)
          .setCommonName("eoc simulator (simulated)")
          .setOrganization("eoc")
          .setApplicationUri(applicationUri)
          .addDnsName("localhost")
          .addIpAddress(host)
          .build();
      ks.load(null, PASSWORD);
      ks.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
      try (OutputStream out = Files.newOutputStream(store)) {
        ks.store(out, PASSWORD);
      }
      Files.write(ownDir.resolve("cert.der"), cert.getEncoded());
      return new ApplicationCertificate(keyPair, cert);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot create or load the certificate in " + ownDir + ": " + e, e);
    }
  }

  /** The DER file of the certificate, to copy into a client's trusted directory. */
  static Path derFile(Path ownDir) {
    return ownDir.resolve("cert.der");
  }
}
