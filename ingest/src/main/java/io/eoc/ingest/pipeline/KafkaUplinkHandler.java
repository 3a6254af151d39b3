package io.eoc.ingest.pipeline;

import io.eoc.ingest.mqtt.UplinkHandler;
import io.eoc.ingest.mqtt.UplinkMessage;
import io.eoc.wire.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Hands each accepted MQTT message to Kafka and completes when Kafka acknowledged it with
 * acks=all, which is when the transport may send PUBACK. The producer is idempotent, so its own
 * retries never write a message twice.
 */
public final class KafkaUplinkHandler implements UplinkHandler, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();

  public KafkaUplinkHandler(String bootstrapServers) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 2,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        ProducerConfig.CLIENT_ID_CONFIG, "eoc-uplink");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public CompletionStage<Void> onMessage(UplinkMessage message) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(UplinkTopic.NAME, message.agentId(), message.payload());
    record.headers().add(new RecordHeader(UplinkTopic.KIND_HEADER, Topics.kind(message.topic()).getBytes(StandardCharsets.UTF_8)));
    record.headers().add(new RecordHeader(UplinkTopic.RECEIVED_HEADER, ByteBuffer.allocate(8)
        .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, message.receivedAt())).array()));
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acknowledged.increment();
          done.complete(null);
        } else {
          failed.increment();
          done.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      failed.increment();
      done.completeExceptionally(e);
    }
    return done;
  }

  public long acknowledged() {
    return acknowledged.sum();
  }

  public long failed() {
    return failed.sum();
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
