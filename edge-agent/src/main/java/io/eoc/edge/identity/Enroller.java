package io.eoc.edge.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.wire.pki.AgentCredentials;
import io.eoc.wire.seal.AgentKeys;
import io.eoc.wire.seal.FileNonceSource;
import io.eoc.wire.seal.Suite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrols an agent: creates its keys on first use (they never leave the machine), sends the public
 * halves with a one-time token to the cloud, and keeps what the cloud returns: its key-agreement
 * public key and the agent's TLS client certificate.
 */
public final class Enroller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Enroller() {}

  /** What enrolment did, for the command's output. */
  public record Outcome(String agentId, String suite, boolean newKeys, boolean certificate, Path identityDir) {}

  public static Outcome enrol(String agentId, Path dataDir, URI cloudApi, String token, Suite suite)
      throws IOException, InterruptedException {
    IdentityFiles files = IdentityFiles.in(dataDir);
    boolean newKeys = !AgentKeys.existIn(files.keys());
    AgentKeys keys = newKeys ? createKeys(files, suite) : AgentKeys.load(files.keys());
    AgentCredentials tls = Files.exists(files.tls()) ? AgentCredentials.load(files.tls()) : AgentCredentials.generate(agentId);
    JsonNode answer = post(cloudApi.resolve("/api/enrol"), request(agentId, token, keys, tls));
    writePem(files.cloudKey(), "PUBLIC KEY", Base64.getDecoder().decode(answer.path("cloudAgreementKey").asText()));
    boolean certificate = answer.hasNonNull("certificate") && answer.hasNonNull("caCertificate");
    if (certificate) {
      List<X509Certificate> chain = certificates(answer.get("certificate").asText());
      X509Certificate ca = certificates(answer.get("caCertificate").asText()).get(0);
      tls.withCertificate(chain, ca).save(files.tls());
    }
    return new Outcome(agentId, keys.suite().label(), newKeys, certificate, files.root());
  }

  /**
   * Prepares an agent without contacting the cloud: keys (created if missing) and the cloud's
   * key-agreement public key given by the operator. For air-gapped sites and tests; the cloud
   * learns the agent's public keys separately. Returns whether new keys were created.
   */
  public static boolean provisionOffline(Path dataDir, Suite suite, byte[] cloudAgreementKeyDer) throws IOException {
    IdentityFiles files = IdentityFiles.in(dataDir);
    boolean newKeys = !AgentKeys.existIn(files.keys());
    if (newKeys) {
      createKeys(files, suite);
    }
    writePem(files.cloudKey(), "PUBLIC KEY", cloudAgreementKeyDer);
    return newKeys;
  }

  private static AgentKeys createKeys(IdentityFiles files, Suite suite) throws IOException {
    AgentKeys keys = AgentKeys.generate(suite);
    Files.createDirectories(files.root());
    // New keys start a new nonce counter; an old counter file belongs to keys that are gone.
    Files.deleteIfExists(files.nonce());
    Files.deleteIfExists(files.sealerState());
    FileNonceSource.create(files.nonce());
    keys.save(files.keys());
    return keys;
  }

  private static Map<String, Object> request(String agentId, String token, AgentKeys keys, AgentCredentials tls) {
    var pub = keys.publicKeys(agentId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agentId", agentId);
    body.put("token", token);
    body.put("suite", keys.suite().label());
    body.put("signingKey", Base64.getEncoder().encodeToString(pub.signingKeyDer()));
    body.put("agreementKey", Base64.getEncoder().encodeToString(pub.agreementKeyDer()));
    body.put("csr", tls.certificateRequest().toPem());
    return body;
  }

  private static JsonNode post(URI uri, Map<String, Object> body) throws IOException, InterruptedException {
    HttpResponse<String> r;
    try {
      r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("cannot reach the cloud's enrolment API at " + uri + ": " + e.getMessage(), e);
    }
    JsonNode json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    if (r.statusCode() != 200) {
      throw new IOException("enrolment refused (HTTP " + r.statusCode() + "): " + json.path("error").asText(r.body()));
    }
    return json;
  }

  private static List<X509Certificate> certificates(String pem) throws IOException {
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IOException("the cloud returned no certificate");
      }
      return out;
    } catch (CertificateException e) {
      throw new IOException("the cloud returned an unreadable certificate: " + e.getMessage(), e);
    }
  }

  static void writePem(Path file, String type, byte[] der) throws IOException {
    String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    Files.createDirectories(file.getParent());
    // Forced to disk: an agent whose certificate vanished in a power loss must enrol again.
    io.eoc.wire.io.DurableFiles.replace(file, pem.getBytes(StandardCharsets.US_ASCII));
  }
}
