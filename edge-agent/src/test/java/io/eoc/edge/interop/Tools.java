package io.eoc.edge.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the third-party programs the interop tests run. A missing one skips the test on a
 * developer's machine and fails it on CI ({@code CI=true}), where {@code .ci/run} installs them.
 */
final class Tools {
  private Tools() {}

  /** The first of {@code candidates} for which {@code probe} (arguments after it) exits with 0. */
  static Optional<String> firstWorking(List<String> candidates, String... probe) {
    for (String candidate : candidates) {
      if (exitsCleanly(candidate, probe)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} that is an executable file, as given or in a directory of PATH. */
  static Optional<String> executable(String... names) {
    List<Path> dirs = new java.util.ArrayList<>(List.of(Path.of("")));
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      dirs.add(Path.of(d));
    }
    for (String name : names) {
      for (Path d : dirs) {
        Path candidate = d.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }

  static boolean exitsCleanly(String program, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(program));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code tool} itself, or a skip (developer machine) or failure (CI) saying how to install it. */
  static String require(Optional<String> tool, String what, String install) {
    if (tool.isEmpty()) {
      String message = what + " is not available; install it with: " + install;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (.ci/run does this on CI)");
      }
      assumeTrue(false, message);
    }
    return tool.orElseThrow();
  }
}
