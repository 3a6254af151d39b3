package io.eoc.edge.control;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of {@link CommandResults}. Every result offered is, at any time, pending, acknowledged
 * or dropped (with its reason): {@code offered = pending + acked + sum(dropped)}, counting the
 * results found on disk at start as offered.
 *
 * @param pending results not yet acknowledged by the cloud (on disk, or in memory if they could not be stored)
 * @param offered results handed over since start, plus those found on disk at start
 * @param sent publications, first sends and resends
 * @param resent publications of a result that had been published before
 * @param acked results the cloud acknowledged (PUBACK below 0x80); they are deleted from disk
 * @param throttled PUBACKs 0x97 quota exceeded: the result is kept and sent again later
 * @param notStored results that could not be written to disk: kept in memory only, lost if the agent stops first
 * @param dropped results given up, by reason; each one is also logged
 */
public record ResultStats(int pending, long offered, long sent, long resent, long acked, long throttled, long notStored,
    Map<ResultDrop, Long> dropped) {

  public ResultStats {
    EnumMap<ResultDrop, Long> all = new EnumMap<>(ResultDrop.class);
    for (ResultDrop d : ResultDrop.values()) {
      all.put(d, dropped.getOrDefault(d, 0L));
    }
    dropped = Map.copyOf(all);
  }

  public long dropped(ResultDrop reason) {
    return dropped.get(reason);
  }
}
