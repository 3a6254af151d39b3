package io.eoc.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data-dir>/cloud.json}: where a running cloud can be reached, so that {@code eoc assess}
 * finds it without flags. Written on start, removed on a clean stop.
 */
public final class RunFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFile() {}

  public static Path path(Path dataDir) {
    return dataDir.resolve("cloud.json");
  }

  public static void write(Path dataDir, String httpUrl, String mqttUrl) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve("cloud.json.tmp");
    JSON.writeValue(tmp.toFile(), Map.of("http", httpUrl, "mqtt", mqttUrl, "pid", ProcessHandle.current().pid()));
    Files.move(tmp, path(dataDir), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The HTTP URL of the cloud recorded in {@code dataDir}, if its process is still alive. */
  public static Optional<String> httpUrl(Path dataDir) {
    return url(dataDir, "http");
  }

  /** The MQTT URL ({@code ssl://} or {@code tcp://}) of the cloud recorded in {@code dataDir}, if it is alive. */
  public static Optional<String> mqttUrl(Path dataDir) {
    return url(dataDir, "mqtt");
  }

  private static Optional<String> url(Path dataDir, String key) {
    Path file = path(dataDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Map<?, ?> m = JSON.readValue(file.toFile(), Map.class);
      long pid = ((Number) m.get("pid")).longValue();
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.ofNullable((String) m.get(key)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static void remove(Path dataDir) {
    try {
      Files.deleteIfExists(path(dataDir));
    } catch (IOException e) {
      // best effort: a stale file is detected by its dead pid
    }
  }
}
