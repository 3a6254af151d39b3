package io.eoc.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eoc cloud user add|list|disable}: user administration from the cloud's own machine, through
 * the running cloud's loopback API (like {@code eoc cloud token}). The password comes from
 * {@value #PASSWORD_ENV} or a prompt, never from the command line, and is never printed.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    header = "Add, list or disable API users (run on the cloud's machine).",
    description = {"Roles: admin (everything), operator (reads and the device ledger), assessor (read-only).",
        "Once a user exists the data API needs a login session (see docs/operations.md, Users and roles)."},
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class})
public final class UserCommand implements Runnable {
  static final String PASSWORD_ENV = "EOC_USER_PASSWORD";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--cloud", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "HTTP URL of the local cloud (default: from <data-dir>/cloud.json).")
  String cloudUrl;

  @Option(names = "--data-dir", defaultValue = "data", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Data directory of the local cloud (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  /** Where the password comes from when not prompted; replaced in tests. */
  Function<String, String> environment = System::getenv;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, header = "Add a user (password from " + PASSWORD_ENV + " or a prompt).")
  static final class Add implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "User id.")
    String id;

    @Option(names = "--role", required = true, paramLabel = "admin|operator|assessor", description = "The user's role.")
    String role;

    @Override
    public Integer call() throws InterruptedException {
      Optional<char[]> password = parent.password();
      if (password.isEmpty()) {
        return 2;
      }
      String pw = new String(password.get());
      Arrays.fill(password.get(), '\0');
      return parent.call("POST", "/api/admin/users", Map.of("id", id, "role", role, "password", pw),
          json -> String.format("user %s added with role %s", json.get("id").asText(), json.get("role").asText()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, header = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Override
    public Integer call() throws InterruptedException {
      return parent.call("GET", "/api/admin/users", null, json -> {
        StringBuilder out = new StringBuilder(String.format("%-24s %-9s %-28s %s", "USER", "ROLE", "CREATED", "DISABLED"));
        json.forEach(u -> out.append(String.format("%n%-24s %-9s %-28s %s", u.get("id").asText(), u.get("role").asText(),
            u.get("createdAt").asText(), u.get("disabledAt").isNull() ? "-" : u.get("disabledAt").asText())));
        return out.toString();
      });
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, header = "Disable a user and end their sessions.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand
    UserCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "User id.")
    String id;

    @Override
    public Integer call() throws InterruptedException {
      return parent.call("POST", "/api/admin/users/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
          + "/disable", Map.of(), json -> "user " + json.get("id").asText() + " disabled; their sessions are ended");
    }
  }

  private Optional<char[]> password() {
    String fromEnv = environment.apply(PASSWORD_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Optional.of(fromEnv.toCharArray());
    }
    Console console = System.console();
    if (console == null) {
      spec.commandLine().getErr().println("no terminal to ask for the password: set " + PASSWORD_ENV);
      return Optional.empty();
    }
    char[] first = console.readPassword("password: ");
    char[] second = console.readPassword("again: ");
    if (first == null || !Arrays.equals(first, second)) {
      spec.commandLine().getErr().println("the passwords differ");
      return Optional.empty();
    }
    Arrays.fill(second, '\0');
    return Optional.of(first);
  }

  private int call(String method, String path, Map<String, String> body, Function<JsonNode, String> render)
      throws InterruptedException {
    Optional<String> base = Optional.ofNullable(cloudUrl).or(() -> RunFile.httpUrl(dataDir));
    if (base.isEmpty()) {
      spec.commandLine().getErr().println("no running cloud found in " + RunFile.path(dataDir).toAbsolutePath() + "; pass --cloud URL");
      return 2;
    }
    try {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(30));
      if (body == null) {
        req.GET();
      } else {
        req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> r = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(r.body());
      if (r.statusCode() / 100 != 2) {
        spec.commandLine().getErr().println("refused (HTTP " + r.statusCode() + "): " + json.path("error").asText(r.body()));
        return 2;
      }
      spec.commandLine().getOut().println(render.apply(json));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot reach the cloud at " + base.get() + ": " + e.getMessage());
      return 2;
    }
  }
}
