package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Edge data processing (jiangsu-2023 §三(二)2(1) and §四 边缘计算/数据处理: screen, compress and
 * encrypt at the edge, remove invalid, abnormal or redundant data, smaller packets). 1 when all
 * three proofs hold in the window, else 0 naming the missing proof:
 * <ol>
 *   <li>encrypted and signed: at least one batch was stored (the cloud stores a batch only after
 *       verifying its signature and chain and decrypting it);
 *   <li>compressed: {@code points × 16 bytes ÷ wire bytes ≥ min-compression} (16 bytes = an 8-byte
 *       timestamp and an 8-byte value, the plain size of a point);
 *   <li>screened: the edge removed at least {@code min-removed} points, counted by reason.
 * </ol>
 * Method {@value #METHOD}; see docs/indicators.md.
 */
public final class EdgeProcessing extends TelemetryIndicator {
  public static final String METHOD = "edge-processing/v1";
  /** Plain size of a point: 8-byte timestamp + 8-byte value. */
  static final int PLAIN_POINT_BYTES = 16;
  private final double minCompression;
  private final long minRemoved;

  public EdgeProcessing(double minCompression, long minRemoved) {
    super("edge-processing", METHOD);
    this.minCompression = minCompression;
    this.minRemoved = minRemoved;
  }

  @Override
  protected Measurement measureInWindow(Window window, EvidenceSet e) {
    long batches = e.agentHours().stream().mapToLong(AgentHour::batches).sum();
    long points = e.agentHours().stream().mapToLong(AgentHour::points).sum();
    long wire = e.agentHours().stream().mapToLong(AgentHour::wireBytes).sum();
    long rejected = e.agentHours().stream().mapToLong(AgentHour::rejected).sum();
    double ratio = wire == 0 ? 0 : (double) points * PLAIN_POINT_BYTES / wire;
    Map<String, Long> removed = e.drops().stream()
        .collect(Collectors.groupingBy(DropHour::reason, TreeMap::new, Collectors.summingLong(DropHour::count)));
    long removedTotal = removed.values().stream().mapToLong(Long::longValue).sum();

    List<String> missing = new ArrayList<>();
    if (batches == 0) {
      missing.add("no signed and encrypted batch was stored");
    }
    if (wire == 0 || ratio < minCompression) {
      missing.add("compression " + fmt(ratio) + " is below " + fmt(minCompression));
    }
    if (removedTotal < minRemoved) {
      missing.add("the edge removed " + removedTotal + " point(s), fewer than " + minRemoved);
    }
    List<String> refs = new ArrayList<>(perAgent(e));
    removed.forEach((reason, n) -> refs.add("removed at the edge, reason " + reason + ": " + n + " point(s)"));
    String figures = batches + " verified batch(es), " + points + " point(s) in " + wire + " wire byte(s): compression "
        + fmt(ratio) + " (points × " + PLAIN_POINT_BYTES + " ÷ wire bytes), " + removedTotal + " point(s) removed, "
        + rejected + " envelope(s) rejected";
    String explanation = missing.isEmpty()
        ? "in use: " + figures
        : "not proven (" + String.join("; ", missing) + "): " + figures;
    return Measurement.of(id(), METHOD, window, missing.isEmpty() ? 1 : 0, "in use", explanation, refs);
  }

  private static List<String> perAgent(EvidenceSet e) {
    Map<String, long[]> by = new TreeMap<>();
    for (AgentHour h : e.agentHours()) {
      long[] s = by.computeIfAbsent(h.agentId(), k -> new long[4]);
      s[0] += h.batches();
      s[1] += h.points();
      s[2] += h.wireBytes();
      s[3] += h.rejected();
    }
    List<String> refs = new ArrayList<>();
    by.forEach((agent, s) -> refs.add("agent " + agent + ": " + s[0] + " batch(es), " + s[1] + " point(s), " + s[2]
        + " wire byte(s), compression " + fmt(s[2] == 0 ? 0 : (double) s[1] * PLAIN_POINT_BYTES / s[2]) + ", "
        + s[3] + " rejected"));
    return refs;
  }
}
