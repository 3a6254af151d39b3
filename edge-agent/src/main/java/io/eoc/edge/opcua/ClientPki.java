package io.eoc.edge.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The agent's OPC UA application instance certificate and trust directories under one pki-dir:
 * {@code own/} (created on first start), {@code trusted/} (server certificates the engineer
 * trusts), {@code rejected/} (server certificates refused, to be moved to trusted/).
 */
record ClientPki(Path dir, KeyPair keyPair, X509Certificate certificate, String applicationUri) {
  private static final char[] PASSWORD = "eoc-agent".toCharArray();
  private static final String ALIAS = "application";

  static ClientPki open(Path dir) throws IOException {
    for (String d : List.of("own", "trusted", "trusted-crl", "issuers/certs", "issuers/crl", "rejected")) {
      Files.createDirectories(dir.resolve(d));
    }
    Path store = dir.resolve("own/application.pfx");
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (Files.exists(store)) {
        try (InputStream in = Files.newInputStream(store)) {
          ks.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
        KeyPair pair = new KeyPair(cert.getPublicKey(), (PrivateKey) ks.getKey(ALIAS, PASSWORD));
        return new ClientPki(dir, pair, cert, CertificateUtil.getSanUri(cert).orElseThrow());
      }
      String host = hostname();
      String uri = "urn:eoc:edge-agent:" + host + ":" + UUID.randomUUID();
      KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      X509Certificate cert = new SelfSignedCertificateBuilder(pair)
          .setCommonName("eoc edge agent")
          .setOrganization("eoc")
          .setApplicationUri(uri)
          .addDnsName(host)
          .build();
      ks.load(null, PASSWORD);
      ks.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
      try (OutputStream out = Files.newOutputStream(store)) {
        ks.store(out, PASSWORD);
      }
      Files.write(dir.resolve("own/cert.der"), cert.getEncoded());
      return new ClientPki(dir, pair, cert, uri);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot create or load the OPC UA application certificate in "
          + dir.resolve("own") + ": " + e, e);
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  Path trusted() {
    return dir.resolve("trusted");
  }

  Path rejected() {
    return dir.resolve("rejected");
  }

  /** The agent's certificate, DER, to give to a server's trust list. */
  Path certificateFile() {
    return dir.resolve("own/cert.der");
  }
}
