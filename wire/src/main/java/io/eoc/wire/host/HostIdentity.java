package io.eoc.wire.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who the host is: its name and kernel release, read from {@code <proc>/sys/kernel/hostname} and
 * {@code <proc>/sys/kernel/osrelease} (so that a fixture directory can stand in for {@code /proc}).
 */
public record HostIdentity(String hostname, String kernel) {
  static final String UNKNOWN = "unknown";

  public HostIdentity {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(kernel, "kernel");
  }

  /** Never fails: what cannot be read is "unknown" (the hostname falls back to the resolver's answer). */
  public static HostIdentity read(Path procDir) {
    String hostname = firstLine(procDir.resolve("sys/kernel/hostname"));
    if (hostname.equals(UNKNOWN)) {
      try {
        hostname = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        hostname = UNKNOWN;
      }
    }
    return new HostIdentity(hostname, firstLine(procDir.resolve("sys/kernel/osrelease")));
  }

  private static String firstLine(Path file) {
    try {
      String text = Files.readString(file).strip();
      return text.isEmpty() ? UNKNOWN : text.lines().findFirst().orElse(UNKNOWN);
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
