package io.eoc.ingest.store;

import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.DropCount;
import io.eoc.ingest.pipeline.ChainEvents;
import io.eoc.ingest.pipeline.PipelineTopics;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Point;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores uplink messages. One call is one transaction: batch rows (unique on agent and sequence)
 * and their points commit together, so a message delivered twice is stored once. Points go in
 * with one binary COPY ({@link PointRows}). Undecodable messages are kept in {@code rejected_messages} with the reason.
 *
 * <p>The same transaction maintains the evidence kept beside the points, aggregated in memory and
 * merged with one statement each: {@code rollups}, {@code device_hours} and the day's write count
 * in {@code data_ops_daily} (one write per stored batch, on the UTC day the batch was created, so
 * that a backfilled history spreads over its days). A redelivered batch adds to none of them.
 *
 * <p>On plain PostgreSQL {@code points} is partitioned by month: the partitions a call needs are
 * made sure of before its transaction starts ({@link Partitions}).
 */
public final class TelemetryWriter {
  private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);
  /** Device clocks this far ahead of the cloud's are reported (the points are stored all the same). */
  private static final Duration AHEAD = Duration.ofDays(1);
  private final DataSource dataSource;
  private final Clock clock;
  private final Map<String, Integer> seriesIds = new ConcurrentHashMap<>();
  private final Partitions partitions = new Partitions();

  public TelemetryWriter(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public TelemetryWriter(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public WriteResult write(List<Incoming> messages) throws SQLException {
    List<Decoded> decoded = new ArrayList<>(messages.size());
    for (Incoming m : messages) {
      decoded.add(Decoded.of(m));
    }
    // Before the transaction: creating a partition locks points, which must never wait on a
    // transaction of ours (Partitions).
    partitions.ensure(dataSource, needed(decoded));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        SeriesResolver series = new SeriesResolver(c, seriesIds);
        WriteResult result = WriteResult.EMPTY;
        PointCopy copy = new PointCopy();
        for (Decoded d : decoded) {
          result = result.plus(writeOne(c, d, series, copy));
        }
        copy.copyPoints(c);
        copy.rollups.flush(c);
        copy.deviceHours.flush(c);
        copy.dataOps.flush(c); // last: the day's row is a hot spot, locked only until the commit
        c.commit();
        series.publish();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        partitions.forget(); // a month may have been dropped by retention meanwhile: look again on the retry
        throw e;
      }
    }
  }

  /** A message with its batch decoded ahead of the transaction, or the reason it could not be. */
  private record Decoded(Incoming message, Batch batch, MalformedMessageException malformed) {
    static Decoded of(Incoming m) {
      if (!m.kind().equals("batches")) {
        return new Decoded(m, null, null);
      }
      try {
        return new Decoded(m, BatchCodec.decode(m.payload()), null);
      } catch (MalformedMessageException e) {
        return new Decoded(m, null, e);
      }
    }
  }

  /**
   * The partitions the batches' points need. Points before 2000 or more than a day ahead are not
   * refused by the pipeline and are stored like any other (points_before_2000, or their month);
   * they are only reported, since they mostly mean a device clock that is wrong.
   */
  private List<Partitions.Range> needed(List<Decoded> decoded) {
    Partitions.Needed needed = new Partitions.Needed();
    long ahead = clock.instant().plus(AHEAD).getEpochSecond();
    long odd = 0;
    for (Decoded d : decoded) {
      if (d.batch() == null || !d.batch().agentId().equals(d.message().agentId())) {
        continue;
      }
      for (Point p : d.batch().points()) {
        needed.add(p.timestamp());
        long s = p.timestamp().getEpochSecond();
        if (s < Partitions.FLOOR.getEpochSecond() || s > ahead) {
          odd++;
        }
      }
    }
    if (odd > 0) {
      log.warn("{} point(s) timestamped before {} or more than {} ahead of the cloud's clock: stored as they are "
          + "(a device clock to check)", odd, Partitions.FLOOR, AHEAD);
    }
    return List.copyOf(needed.ranges());
  }

  private WriteResult writeOne(Connection c, Decoded d, SeriesResolver series, PointCopy copy) throws SQLException {
    Incoming m = d.message();
    if (d.malformed() != null) {
      return reject(c, m, d.malformed().getMessage());
    }
    try {
      return switch (m.kind()) {
        case "batches" -> batch(c, m, d.batch(), series, copy);
        case "devices" -> catalogue(c, m, DeviceCatalogCodec.decode(m.payload()), series);
        case "chain-event" -> chainEvent(c, m);
        case "dead-letter" -> reject(c, m, m.header(PipelineTopics.REASON_HEADER)
            .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse("refused by the pipeline"));
        default -> reject(c, m, "unknown message kind '" + m.kind() + "'");
      };
    } catch (MalformedMessageException e) {
      return reject(c, m, e.getMessage());
    }
  }

  private WriteResult batch(Connection c, Incoming m, Batch b, SeriesResolver series, PointCopy copy) throws SQLException {
    if (!b.agentId().equals(m.agentId())) {
      return reject(c, m, "batch names agent '" + b.agentId() + "' but arrived from agent '" + m.agentId() + "'");
    }
    touchAgent(c, b.agentId(), m.receivedAt());
    boolean backfill = m.header(PipelineTopics.BACKFILL_HEADER).map(h -> h.length == 1 && h[0] == 1).orElse(false);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO batches (agent_id, seq, created_at, received_at, stored_at, points, kafka_partition, kafka_offset, "
            + "backfill, envelope_hash, wire_bytes) VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, b.agentId());
      ps.setLong(2, b.sequence());
      ps.setTimestamp(3, Timestamp.from(b.createdAt()));
      ps.setTimestamp(4, Timestamp.from(m.receivedAt()));
      ps.setInt(5, b.size());
      ps.setInt(6, m.partition());
      ps.setLong(7, m.offset());
      ps.setBoolean(8, backfill);
      ps.setBytes(9, m.header(PipelineTopics.HASH_HEADER).orElse(null));
      Integer wire = m.header(PipelineTopics.WIRE_BYTES_HEADER).filter(h -> h.length == 4)
          .map(h -> java.nio.ByteBuffer.wrap(h).getInt()).orElse(null);
      ps.setObject(10, wire, java.sql.Types.INTEGER);
      if (ps.executeUpdate() == 0) {
        return new WriteResult(0, 1, 0, 0, 0);
      }
    }
    dropCounts(c, b);
    // Points come grouped by series (BatchCodec), so the id is looked up once per run of a series.
    // Ids are resolved now: once the COPY has started, no other statement can run.
    int[] ids = new int[b.size()];
    String device = null;
    String tag = null;
    int id = 0;
    List<Point> points = b.points();
    for (int i = 0; i < ids.length; i++) {
      Point p = points.get(i);
      if (!p.tag().equals(tag) || !p.device().equals(device)) {
        device = p.device();
        tag = p.tag();
        id = series.id(b.agentId(), device, tag, null);
      }
      ids[i] = id;
    }
    copy.accepted.add(new Accepted(b, ids, backfill));
    return new WriteResult(1, 0, b.size(), 0, 0);
  }

  private WriteResult catalogue(Connection c, Incoming m, DeviceCatalog cat, SeriesResolver series) throws SQLException {
    if (!cat.agentId().equals(m.agentId())) {
      return reject(c, m, "catalogue names agent '" + cat.agentId() + "' but arrived from agent '" + m.agentId() + "'");
    }
    touchAgent(c, cat.agentId(), m.receivedAt());
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO devices (agent_id, id, name, category, kind, protocol, simulated, updated_at, expected_points_per_hour) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (agent_id, id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, "
            + "kind = EXCLUDED.kind, protocol = EXCLUDED.protocol, simulated = EXCLUDED.simulated, updated_at = EXCLUDED.updated_at, "
            + "expected_points_per_hour = EXCLUDED.expected_points_per_hour")) {
      for (DeviceInfo d : cat.devices()) {
        ps.setString(1, cat.agentId());
        ps.setString(2, d.id());
        ps.setString(3, d.name());
        ps.setString(4, d.category().id());
        ps.setString(5, d.kind());
        ps.setString(6, d.protocol());
        ps.setBoolean(7, d.simulated());
        ps.setTimestamp(8, Timestamp.from(cat.at()));
        ps.setDouble(9, d.expectedPointsPerHour());
        ps.addBatch();
        for (DeviceInfo.TagInfo t : d.tags()) {
          series.id(cat.agentId(), d.id(), t.tag(), t.unit());
        }
      }
      ps.executeBatch();
    }
    return new WriteResult(0, 0, 0, 1, 0);
  }

  private static void dropCounts(Connection c, Batch b) throws SQLException {
    if (b.dropped().isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO drop_counts (agent_id, seq, device_id, tag, reason, count) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (DropCount d : b.dropped()) {
        ps.setString(1, b.agentId());
        ps.setLong(2, b.sequence());
        ps.setString(3, d.device());
        ps.setString(4, d.tag());
        ps.setString(5, d.reason());
        ps.setLong(6, d.count());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static WriteResult chainEvent(Connection c, Incoming m) throws SQLException {
    ChainEvents.Event e;
    try {
      e = ChainEvents.decode(m.payload());
    } catch (java.io.IOException | RuntimeException ex) {
      return reject(c, m, "unreadable chain event: " + ex.getMessage());
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO chain_events (agent_id, kind, seq, detail, at, kafka_partition, kafka_offset) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, e.agentId());
      ps.setString(2, e.kind());
      ps.setLong(3, e.sequence());
      ps.setString(4, e.detail());
      ps.setTimestamp(5, Timestamp.from(e.at()));
      ps.setInt(6, m.partition());
      ps.setLong(7, m.offset());
      ps.executeUpdate();
    }
    return WriteResult.EMPTY;
  }

  private static void touchAgent(Connection c, String agent, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, first_seen, last_seen) VALUES (?, ?, ?) "
        + "ON CONFLICT (id) DO UPDATE SET last_seen = greatest(agents.last_seen, EXCLUDED.last_seen)")) {
      ps.setString(1, agent);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  private static WriteResult reject(Connection c, Incoming m, String reason) throws SQLException {
    log.warn("rejected {} message from agent {} at {}/{}: {}", m.kind(), m.agentId(), m.partition(), m.offset(), reason);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejected_messages "
        + "(agent_id, kind, reason, payload, received_at, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT DO NOTHING")) {
      ps.setString(1, m.agentId());
      ps.setString(2, m.kind());
      ps.setString(3, reason);
      ps.setBytes(4, m.payload());
      ps.setTimestamp(5, Timestamp.from(m.receivedAt()));
      ps.setInt(6, m.partition());
      ps.setLong(7, m.offset());
      ps.executeUpdate();
    }
    return new WriteResult(0, 0, 0, 0, 1);
  }

  /** A batch whose row was inserted (not a redelivery), with the series id of each point. */
  private record Accepted(Batch batch, int[] seriesIds, boolean backfill) {}

  /**
   * The accepted batches of one transaction: their points go in one binary COPY at the end, and
   * the aggregates kept beside them are summed while the points stream past.
   */
  private static final class PointCopy {
    private final List<Accepted> accepted = new ArrayList<>();
    private final Rollups rollups = new Rollups();
    private final DeviceHours deviceHours = new DeviceHours();
    private final DataOps.Tally dataOps = new DataOps.Tally();

    void copyPoints(Connection c) throws SQLException {
      if (accepted.isEmpty()) {
        return;
      }
      try (PointRows rows = PointRows.start(c, PointRows.SQL)) {
        for (Accepted a : accepted) {
          List<Point> points = a.batch().points();
          String agent = a.batch().agentId();
          for (int i = 0; i < a.seriesIds().length; i++) {
            Point p = points.get(i);
            rows.add(p.timestamp(), a.seriesIds()[i], p.value(), p.quality().code());
            rollups.add(p, a.seriesIds()[i]);
            deviceHours.add(agent, p, a.backfill());
          }
          dataOps.writes(a.batch().createdAt(), 1);
        }
        rows.end();
      }
    }
  }
}
