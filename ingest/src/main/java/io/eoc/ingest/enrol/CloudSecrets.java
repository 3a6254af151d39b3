package io.eoc.ingest.enrol;

import io.eoc.criteria.report.ReportKey;
import io.eoc.ingest.mqtt.TransportTls;
import io.eoc.wire.pki.CertificateAuthority;
import io.eoc.wire.pki.CertificateRequest;
import io.eoc.wire.pki.Validity;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's own secrets, kept in one directory: key-agreement keys for every suite ({@code keys/}),
 * the certificate authority that issues agents' TLS client certificates ({@code ca/}) and the Ed25519
 * key that signs assessment reports ({@code report-signing/}). Created on first start. Several cloud
 * instances must share this directory's contents.
 */
public final class CloudSecrets implements CloudIdentity {
  private static final Logger log = LoggerFactory.getLogger(CloudSecrets.class);
  static final Duration AGENT_CERTIFICATE_VALIDITY = Duration.ofDays(365);
  private final CloudKeys keys;
  private final CertificateAuthority ca;
  private final ReportKey reportKey;
  private final Clock clock;

  private CloudSecrets(CloudKeys keys, CertificateAuthority ca, ReportKey reportKey, Clock clock) {
    this.keys = keys;
    this.ca = ca;
    this.reportKey = reportKey;
    this.clock = clock;
  }

  public static CloudSecrets openOrCreate(Path dir, Clock clock) throws IOException {
    Path keyDir = dir.resolve("keys");
    Path caDir = dir.resolve("ca");
    if (!Files.exists(keyDir)) {
      CloudKeys.generate(Suite.values()).save(keyDir);
      log.info("created the cloud's key-agreement keys in {}", keyDir);
    }
    if (!Files.exists(caDir.resolve(CertificateAuthority.KEY_FILE))) {
      CertificateAuthority.create("eoc cloud agent CA", Validity.startingNow(clock, Duration.ofDays(3650))).save(caDir);
      log.info("created the cloud's certificate authority in {}", caDir);
    }
    Path reportDir = reportKeyDir(dir);
    boolean created = !ReportKey.exists(reportDir);
    ReportKey reportKey = ReportKey.openOrCreate(reportDir);
    if (created) {
      log.info("created the cloud's report-signing key in {}", reportDir);
    }
    // Printed at every start: the assessor pins this fingerprint when verifying reports (eoc verify --key-fingerprint).
    log.info("report-signing key (Ed25519) fingerprint: {}", reportKey.fingerprint());
    return new CloudSecrets(CloudKeys.load(keyDir), CertificateAuthority.load(caDir), reportKey, clock);
  }

  /** Where the report-signing key lives under a secrets directory. */
  public static Path reportKeyDir(Path secretsDir) {
    return secretsDir.resolve("report-signing");
  }

  /** The report-signing key of the cloud whose secrets are in {@code secretsDir}; never creates one. */
  public static ReportKey loadReportKey(Path secretsDir) throws IOException {
    Path dir = reportKeyDir(secretsDir);
    if (!ReportKey.exists(dir)) {
      throw new IOException("no report-signing key in " + dir.toAbsolutePath() + ": the cloud creates it on its first start"
          + " (./eoc cloud); give the cloud's --data-dir");
    }
    return ReportKey.load(dir);
  }

  /** The key that signs assessment reports. */
  public ReportKey reportKey() {
    return reportKey;
  }

  public CloudKeys keys() {
    return keys;
  }

  /** A server certificate for this start, for the given host names/addresses, and our agent CA. */
  public TransportTls transportTls(List<String> hosts) {
    List<String> all = new ArrayList<>(hosts);
    all.add("localhost");
    return new TransportTls(ca.issueServer("eoc cloud", all.stream().distinct().toList(),
        Validity.startingNow(clock, Duration.ofDays(365))), ca.certificate());
  }

  @Override
  public byte[] agreementKey(String suite) {
    Suite s = Suite.fromLabel(suite).orElseThrow(() -> new IllegalArgumentException(
        "unknown suite '" + suite + "'; this cloud accepts " + keys.suites().stream().map(Suite::label).toList()));
    return keys.publicKey(s).getEncoded();
  }

  @Override
  public Optional<String> signCsr(String csrPem, String agentId) throws EnrolmentException {
    try {
      X509Certificate cert = ca.sign(CertificateRequest.fromPem(csrPem), agentId, Validity.startingNow(clock, AGENT_CERTIFICATE_VALIDITY));
      return Optional.of(pem(cert));
    } catch (IllegalArgumentException e) {
      throw new EnrolmentException("certificate request refused: " + e.getMessage());
    }
  }

  @Override
  public Optional<String> caCertificatePem() {
    return Optional.of(pem(ca.certificate()));
  }

  static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "CloudSecrets[suites " + keys.suites() + ", report key " + reportKey.fingerprint() + "]";
  }
}
