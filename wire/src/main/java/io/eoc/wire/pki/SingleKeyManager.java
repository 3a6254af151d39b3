package io.eoc.wire.pki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one credential, always, whatever issuers the peer asks for. The JDK's key managers
 * send no certificate at all when the peer's CA list does not match (RFC 8446 §4.3.2
 * certificate_authorities), and the server could then only say "no certificate"; presenting it
 * lets the server say what is wrong with it (expired, foreign CA).
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

  static final String ALIAS = "eoc";

  private final Credential credential;

  SingleKeyManager(Credential credential) {
    this.credential = credential;
  }

  private boolean fits(String keyType) {
    return credential.privateKey().getAlgorithm().equals(keyType);
  }

  private String[] aliases(String keyType) {
    return fits(keyType) ? new String[] {ALIAS} : null;
  }

  private String choose(String[] keyTypes) {
    return keyTypes != null && Arrays.stream(keyTypes).anyMatch(this::fits) ? ALIAS : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return choose(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return choose(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? credential.chain().toArray(X509Certificate[]::new) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? credential.privateKey() : null;
  }

  @Override
  public String toString() {
    return "SingleKeyManager[" + credential + "]";
  }
}
