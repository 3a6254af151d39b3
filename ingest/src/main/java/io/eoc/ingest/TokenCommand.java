package io.eoc.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc cloud token}: issues a one-time enrolment token for an agent, from the cloud's machine. */
@Command(name = "token", mixinStandardHelpOptions = true,
    header = "Issue a one-time enrolment token for an agent (run on the cloud's machine).",
    description = {"Prints a token that `eoc agent enroll --token ...` uses once to register the agent's keys.",
        "The token is shown only here; the cloud keeps only its hash."})
public final class TokenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--agent", required = true, description = "Agent id the token is for.")
  String agentId;

  @Option(names = "--valid-for", defaultValue = "PT24H", description = "ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  String validFor;

  @Option(names = "--cloud", paramLabel = "URL", description = "HTTP URL of the local cloud (default: from <data-dir>/cloud.json).")
  String cloudUrl;

  @Option(names = "--data-dir", defaultValue = "data", description = "Data directory of the local cloud (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    Optional<String> base = Optional.ofNullable(cloudUrl).or(() -> RunFile.httpUrl(dataDir));
    if (base.isEmpty()) {
      spec.commandLine().getErr().println("no running cloud found in " + RunFile.path(dataDir).toAbsolutePath() + "; pass --cloud URL");
      return 2;
    }
    try {
      String body = new ObjectMapper().writeValueAsString(Map.of("agentId", agentId, "validFor", validFor));
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.get() + "/api/admin/enrolment-tokens"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = new ObjectMapper().readTree(r.body());
      if (r.statusCode() != 200) {
        spec.commandLine().getErr().println("token refused (HTTP " + r.statusCode() + "): " + json.path("error").asText(r.body()));
        return 2;
      }
      spec.commandLine().getOut().printf("agent %s: enrolment token %s (valid until %s, usable once)%n",
          agentId, json.get("token").asText(), json.get("expiresAt").asText());
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot reach the cloud at " + base.get() + ": " + e.getMessage());
      return 2;
    }
  }
}
