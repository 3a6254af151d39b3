package io.eoc.ingest.pipeline;

import io.eoc.wire.BatchCodec;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.seal.AgentPublicKeys;
import io.eoc.wire.seal.BatchOpener;
import io.eoc.wire.seal.ChainState;
import io.eoc.wire.seal.ChainVerifier;
import io.eoc.wire.seal.EnvelopeHeader;
import io.eoc.wire.seal.Opened;
import io.eoc.wire.seal.SealException;
import io.eoc.wire.seal.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies, decrypts and decodes each sealed envelope and places it in its agent's hash chain.
 * Accepted batches go on as plain batches, and so do redeliveries of accepted ones (the store skips
 * what it has, by agent and sequence): if a crash rolls this step's output back while the chain
 * state that accepted it survives, processing the input again must produce the output again; forks, replays and anything
 * that fails verification go to the dead letters with the reason, and chain evidence (gaps,
 * forks, replays, rejections) goes to the chain events. One bad agent never stops the pipeline:
 * every failure is a record, not an exception.
 */
final class OpenEnvelopeProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(OpenEnvelopeProcessor.class);
  private static final io.eoc.wire.io.LogLimiter EVENT_LOG = new io.eoc.wire.io.LogLimiter(20);
  private final BatchOpener opener;
  private final AgentKeyLookup keys;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> chains;

  OpenEnvelopeProcessor(BatchOpener opener, AgentKeyLookup keys) {
    this.opener = opener;
    this.keys = keys;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.chains = context.getStateStore(UplinkTopology.CHAIN_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String agent = record.key() == null ? "unknown" : record.key();
    String kind = header(record.headers(), UplinkTopic.KIND_HEADER).orElse("unknown");
    switch (kind) {
      case "devices" -> context.forward(record, UplinkTopology.TO_BATCHES);
      case "batches", "backfill" -> open(agent, kind.equals("backfill"), record);
      default -> deadLetter(record, agent, "unknown message kind '" + kind + "'");
    }
  }

  private void open(String agent, boolean backfill, Record<String, byte[]> record) {
    byte[] envelope = record.value() == null ? new byte[0] : record.value();
    try {
      EnvelopeHeader header = BatchOpener.peek(envelope);
      if (!header.agentId().equals(agent)) {
        reject(record, agent, header.sequence(), "envelope names agent '" + header.agentId() + "' but came from agent '" + agent + "'");
        return;
      }
      Optional<AgentPublicKeys> agentKeys = lookup(agent);
      if (agentKeys.isEmpty()) {
        reject(record, agent, header.sequence(), "agent '" + agent + "' is not enrolled");
        return;
      }
      Opened opened = opener.open(envelope, agentKeys.get());
      place(record, agent, backfill, envelope.length, opened);
    } catch (MalformedMessageException | SealException e) {
      reject(record, agent, -1, e.getMessage());
    }
  }

  private void place(Record<String, byte[]> record, String agent, boolean backfill, int wireBytes, Opened opened)
      throws MalformedMessageException {
    byte[] stored = chains.get(agent);
    ChainState state = stored == null ? ChainState.empty() : ChainState.decode(stored);
    Verdict verdict = ChainVerifier.verify(state, opened);
    long seq = opened.header().sequence();
    if (verdict.accepted() || verdict.kind() == Verdict.Kind.DUPLICATE) {
      if (verdict.accepted()) {
        chains.put(agent, verdict.next().encode());
      }
      Headers h = new RecordHeaders()
          .add(UplinkTopic.KIND_HEADER, "batches".getBytes(StandardCharsets.UTF_8))
          .add(PipelineTopics.BACKFILL_HEADER, new byte[] {(byte) (backfill ? 1 : 0)})
          .add(PipelineTopics.HASH_HEADER, opened.hash().bytes())
          .add(PipelineTopics.WIRE_BYTES_HEADER, ByteBuffer.allocate(4).putInt(wireBytes).array());
      copy(record.headers(), h, UplinkTopic.RECEIVED_HEADER);
      // The agent's own encoding, already checked by decoding it: encoding again would cost a
      // third of this processor's time and change nothing the store reads.
      context.forward(new Record<>(agent, opened.encodedBatch(), record.timestamp(), h), UplinkTopology.TO_BATCHES);
    }
    if (verdict.kind() != Verdict.Kind.OK && verdict.kind() != Verdict.Kind.DUPLICATE) {
      event(record, agent, verdict.kind().name().toLowerCase(java.util.Locale.ROOT), seq, verdict.reason());
    }
    if (!verdict.accepted() && verdict.kind() != Verdict.Kind.DUPLICATE) {
      deadLetter(record, agent, verdict.kind() + ": " + verdict.reason());
    }
  }

  private Optional<AgentPublicKeys> lookup(String agent) {
    try {
      return keys.keys(agent);
    } catch (Exception e) {
      // The key store is down: fail the task so the record is processed again, not dead-lettered.
      throw new IllegalStateException("cannot look up keys of agent " + agent + ": " + e.getMessage(), e);
    }
  }

  private void reject(Record<String, byte[]> record, String agent, long seq, String reason) {
    event(record, agent, "rejected", seq, reason);
    deadLetter(record, agent, reason);
  }

  private void event(Record<String, byte[]> record, String agent, String kind, long seq, String detail) {
    if (EVENT_LOG.allow()) {
      long skipped = EVENT_LOG.drainSuppressed();
      log.warn("agent {}: {} at sequence {}: {}{}", agent, kind, seq, detail,
          skipped > 0 ? " (" + skipped + " more chain events not logged; all are stored in chain_events)" : "");
    }
    byte[] value = ChainEvents.encode(new ChainEvents.Event(agent, kind, seq, detail, java.time.Instant.ofEpochMilli(record.timestamp())));
    context.forward(new Record<>(agent, value, record.timestamp()), UplinkTopology.TO_EVENTS);
  }

  private void deadLetter(Record<String, byte[]> record, String agent, String reason) {
    Headers h = new RecordHeaders();
    record.headers().forEach(x -> h.add(x.key(), x.value()));
    h.add(PipelineTopics.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    context.forward(new Record<>(agent, record.value(), record.timestamp(), h), UplinkTopology.TO_DEAD_LETTERS);
  }

  private static void copy(Headers from, Headers to, String key) {
    var h = from.lastHeader(key);
    if (h != null) {
      to.add(key, h.value());
    }
  }

  static Optional<String> header(Headers headers, String key) {
    var h = headers.lastHeader(key);
    return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
  }
}
