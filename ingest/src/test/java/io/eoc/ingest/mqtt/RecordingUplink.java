package io.eoc.ingest.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A hand-written {@link UplinkHandler}: records every message; the test decides when it is durable. */
final class RecordingUplink implements UplinkHandler {

  /** One hand-over and the stage the transport waits on. */
  record Call(UplinkMessage message, CompletableFuture<Void> durable) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Semaphore arrivals = new Semaphore(0);
  private final Executor completer;

  private RecordingUplink(Executor completer) {
    this.completer = completer;
  }

  /** Stages stay pending until the test completes them. */
  static RecordingUplink manual() {
    return new RecordingUplink(null);
  }

  /** Every stage completes on {@code completer}, as a Kafka producer callback would. */
  static RecordingUplink completingOn(Executor completer) {
    return new RecordingUplink(completer);
  }

  @Override
  public CompletionStage<Void> onMessage(UplinkMessage message) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    calls.add(new Call(message, durable));
    arrivals.release();
    if (completer != null) {
      completer.execute(() -> durable.complete(null));
    }
    return durable;
  }

  /** Whether {@code count} more hand-overs arrived within 5 s. */
  boolean awaitCalls(int count) throws InterruptedException {
    return arrivals.tryAcquire(count, 5, TimeUnit.SECONDS);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  Call call(int index) {
    return calls.get(index);
  }

  List<UplinkMessage> messages() {
    return calls.stream().map(Call::message).toList();
  }
}
