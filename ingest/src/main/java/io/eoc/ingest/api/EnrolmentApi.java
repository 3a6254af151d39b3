package io.eoc.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.ingest.enrol.Enrolment;
import io.eoc.ingest.enrol.EnrolmentException;
import io.eoc.ingest.enrol.EnrolmentRequest;
import io.eoc.ingest.enrol.EnrolmentResult;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Enrolment over HTTP: {@code POST /api/enrol} for agents (authenticated by their one-time token)
 * and {@code POST /api/admin/enrolment-tokens} for the operator, accepted from this machine only.
 */
final class EnrolmentApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Enrolment enrolment;
  private final Consumer<String> audit;

  EnrolmentApi(Enrolment enrolment, Consumer<String> audit) {
    this.enrolment = enrolment;
    this.audit = audit;
  }

  void register(Router router) {
    router.post("/api/enrol", (req, g) -> enrol(req));
    router.post("/api/admin/enrolment-tokens", (req, g) -> issue(req));
  }

  private ApiResponse enrol(ApiRequest req) throws SQLException {
    JsonNode body = parse(req);
    EnrolmentRequest request = new EnrolmentRequest(text(body, "agentId"), text(body, "token"), text(body, "suite"),
        base64(body, "signingKey"), base64(body, "agreementKey"),
        Optional.ofNullable(body.get("csr")).map(JsonNode::asText));
    try {
      EnrolmentResult r = enrolment.enrol(request);
      audit.accept("enrolled agent " + r.agentId() + " (suite " + r.suite() + ")");
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("agentId", r.agentId());
      out.put("suite", r.suite());
      out.put("cloudAgreementKey", Base64.getEncoder().encodeToString(r.cloudAgreementKey()));
      out.put("certificate", r.certificatePem().orElse(null));
      out.put("caCertificate", r.caCertificatePem().orElse(null));
      return ApiResponse.json(200, out);
    } catch (EnrolmentException e) {
      audit.accept("enrolment refused for agent " + request.agentId() + ": " + e.getMessage());
      return ApiResponse.error(403, e.getMessage());
    }
  }

  private ApiResponse issue(ApiRequest req) throws SQLException {
    if (!req.fromLoopback()) {
      return ApiResponse.error(403, "enrolment tokens are issued only to requests from the cloud's own machine");
    }
    JsonNode body = parse(req);
    Duration validFor = duration(body.has("validFor") ? body.get("validFor").asText() : "PT24H");
    Enrolment.IssuedToken t = enrolment.issueToken(text(body, "agentId"), validFor);
    audit.accept("enrolment token issued for agent " + t.agentId() + ", valid until " + t.expiresAt());
    return ApiResponse.json(200, Map.of("agentId", t.agentId(), "token", t.token(), "expiresAt", t.expiresAt().toString()));
  }

  private static JsonNode parse(ApiRequest req) {
    try {
      JsonNode node = JSON.readTree(req.body());
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("field '" + field + "' is required (a non-empty string)");
    }
    return v.asText();
  }

  private static byte[] base64(JsonNode body, String field) {
    try {
      return Base64.getDecoder().decode(text(body, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "' must be base64: " + e.getMessage());
    }
  }

  private static Duration duration(String iso) {
    try {
      Duration d = Duration.parse(iso);
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("validFor must be between 1 second and 30 days, was " + iso);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("validFor must be an ISO-8601 duration such as PT24H, was '" + iso + "'");
    }
  }
}
