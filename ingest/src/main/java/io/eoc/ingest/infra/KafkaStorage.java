package io.eoc.ingest.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the KRaft log directory once, the equivalent of {@code kafka-storage.sh format}. A
 * KRaft server refuses to start on an unformatted directory, and formatting an already formatted
 * one would fail, so {@code meta.properties} decides.
 */
final class KafkaStorage {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);

  private KafkaStorage() {}

  /**
   * Formats {@code logDir} for a fresh cluster unless it already holds {@code meta.properties}.
   * The cluster id is generated here and persisted by Kafka in {@code meta.properties}; later
   * starts read it from there.
   */
  static void formatIfNeeded(Path logDir) throws IOException {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      LOG.debug("Kafka log directory {} is already formatted", logDir);
      return;
    }
    Files.createDirectories(logDir);
    String clusterId = Uuid.randomUuid().toString();
    // The Formatter reports progress on a PrintStream that defaults to System.out.
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(KafkaServerProperties.NODE_ID)
          .setClusterId(clusterId)
          .setControllerListenerName(KafkaServerProperties.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("could not format Kafka log directory " + logDir, e);
    }
    LOG.info("Formatted Kafka log directory {} for new cluster {}", logDir, clusterId);
    LOG.debug("Kafka storage formatter said: {}", report.toString(StandardCharsets.UTF_8).trim());
  }
}
