package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Daily average data read/write count (jiangsu-2018 §四 综合绩效, 日平均数据读写次数): Σ(writes +
 * reads) over the whole UTC days inside the window ÷ the number of those days; a day without a row
 * counts as 0 and is named. The database's committed transactions cross-check each day: a day whose
 * count exceeds them is flagged. Method {@value #METHOD}; see docs/indicators.md.
 */
public final class DataReadWrite implements Indicator {
  public static final String METHOD = "data-read-write/v1";

  @Override
  public String id() {
    return "data-read-write";
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.DATA_OPS)) {
      return Measurement.noEvidence(id(), METHOD, window, "this cloud does not count its data operations: " + all.describe());
    }
    List<LocalDate> days = Scope.wholeDays(window);
    if (days.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "the window holds no whole UTC day");
    }
    Map<LocalDate, DataOpsDay> rows = Scope.restrict(all, window).dataOps().stream()
        .collect(Collectors.toMap(DataOpsDay::day, Function.identity(), (a, b) -> a));
    if (rows.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no data-operation count was recorded on any of the "
          + days.size() + " day(s) of the window");
    }
    long total = 0;
    int missing = 0;
    int flagged = 0;
    List<String> refs = new ArrayList<>();
    for (LocalDate d : days) {
      DataOpsDay r = rows.get(d);
      if (r == null) {
        missing++;
        refs.add(d + ": no count recorded, counted as 0");
        continue;
      }
      long ops = r.writes() + r.reads();
      total += ops;
      boolean flag = r.databaseCommits().isPresent() && ops > r.databaseCommits().getAsLong();
      flagged += flag ? 1 : 0;
      refs.add(d + ": " + r.writes() + " write(s) + " + r.reads() + " read(s) = " + ops
          + (r.databaseCommits().isPresent() ? "; database commits " + r.databaseCommits().getAsLong() : "; no database cross-check")
          + (flag ? "; FLAG: the cloud counted more operations than the database committed" : ""));
    }
    double mean = (double) total / days.size();
    String explanation = total + " read(s)+write(s) over " + days.size() + " whole UTC day(s) = " + fmt(mean) + " per day"
        + (missing > 0 ? "; " + missing + " day(s) without a count counted as 0" : "")
        + (flagged > 0 ? "; " + flagged + " day(s) flagged: cloud count above the database's commits" : "");
    return Measurement.of(id(), METHOD, window, mean, "per day", explanation, refs);
  }
}
