package io.eoc.wire.pki;

import io.eoc.wire.Names;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Which agent a certificate names. An agent certificate carries its agent id twice: as the
 * subject's common name and as the subject alternative name URI {@code urn:eoc:agent:<id>}
 * (RFC 5280 §4.2.1.6). Both, when present, must agree.
 */
public final class Identities {

  public static final String AGENT_URI_PREFIX = "urn:eoc:agent:";
  /** GeneralName tag of uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
  private static final int SAN_URI = 6;

  private Identities() {}

  /** The SAN URI that names {@code agentId}. */
  public static String agentUri(String agentId) {
    return AGENT_URI_PREFIX + Names.requireName(agentId, "agent id");
  }

  /**
   * The agent id of a certificate, which must already be verified (by a TrustManager).
   *
   * @throws CertificateException if the certificate names no agent, names two, or names one that
   *     is not a valid {@link Names name}
   */
  public static String agentIdOf(X509Certificate certificate) throws CertificateException {
    Optional<String> fromCn = commonName(
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN));
    List<String> fromUri = agentUris(certificate);
    if (fromUri.size() > 1) {
      throw new CertificateException("certificate names " + fromUri.size() + " agents in its SAN URIs");
    }
    Optional<String> uri = fromUri.stream().findFirst();
    if (uri.isPresent() && fromCn.isPresent() && !uri.get().equals(fromCn.get())) {
      throw new CertificateException(
          "certificate's common name '" + fromCn.get() + "' is not its SAN agent '" + uri.get() + "'");
    }
    String agentId = uri.or(() -> fromCn)
        .orElseThrow(() -> new CertificateException("certificate names no agent (no CN, no " + AGENT_URI_PREFIX + " URI)"));
    if (!Names.isValid(agentId)) {
      throw new CertificateException("certificate names agent '" + agentId + "', which is not a valid name: " + Names.rule());
    }
    return agentId;
  }

  /** The one common name of a subject; empty if there is none, or more than one. */
  static Optional<String> commonName(RDN[] commonNames) {
    if (commonNames.length != 1 || commonNames[0].isMultiValued()) {
      return Optional.empty();
    }
    return Optional.of(IETFUtils.valueToString(commonNames[0].getFirst().getValue()));
  }

  private static List<String> agentUris(X509Certificate certificate) throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    List<String> agents = new ArrayList<>();
    if (names == null) {
      return agents;
    }
    for (List<?> name : names) {
      if (((Integer) name.get(0)) == SAN_URI && name.get(1) instanceof String uri && uri.startsWith(AGENT_URI_PREFIX)) {
        agents.add(uri.substring(AGENT_URI_PREFIX.length()));
      }
    }
    return agents;
  }
}
