package io.eoc.criteria.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the report signs about the batch ledger, built in one pass over the canonical ledger lines in
 * (agent, seq) order: the Merkle root over all of them, a subtree root per agent and UTC day of
 * creation (so that a discrepancy can be located), and the gaps in each agent's sequence numbers.
 * The verifier feeds the export's lines through the same code and compares.
 */
public final class LedgerSummary {
  /** Agents order by their ids' code points (PostgreSQL's {@code COLLATE "C"} on UTF-8), then by seq. */
  public static final Comparator<String> AGENT_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };
  private static final int MAX_DISORDERS = 10_000;

  private final Merkle all = new Merkle();
  private final Map<String, TreeMap<LocalDate, Merkle>> byAgentDay = new HashMap<>();
  private final Map<String, Long> lastSeq = new HashMap<>();
  private final List<Gap> gaps = new ArrayList<>();
  private final List<Disorder> disorders = new ArrayList<>();
  private LedgerEntry previous;

  /** Missing sequence numbers {@code from..to} (inclusive) of one agent. */
  public record Gap(String agent, long from, long to) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("agent", agent);
      m.put("from", from);
      m.put("to", to);
      return m;
    }

    public String describe() {
      return "agent " + agent + ": seq " + (from == to ? Long.toString(from) : from + ".." + to);
    }
  }

  /** An entry that does not come after the previous one, at {@code line}. */
  public record Disorder(long line, String agent, long seq, String previousAgent, long previousSeq) {}

  /** Adds the next entry; {@code line} is its canonical line. */
  public void add(LedgerEntry e, String line) {
    add(e, line, all.count() + 1);
  }

  /** As {@link #add(LedgerEntry, String)}, with the entry's line number in a file, for naming it. */
  public void add(LedgerEntry e, String line, long lineNumber) {
    all.add(line.getBytes(StandardCharsets.UTF_8));
    LocalDate day = LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC);
    byAgentDay.computeIfAbsent(e.agent(), a -> new TreeMap<>()).computeIfAbsent(day, d -> new Merkle())
        .add(line.getBytes(StandardCharsets.UTF_8));
    if (previous != null && compare(previous, e) >= 0) {
      if (disorders.size() < MAX_DISORDERS) {
        disorders.add(new Disorder(lineNumber, e.agent(), e.seq(), previous.agent(), previous.seq()));
      }
    } else {
      Long last = lastSeq.get(e.agent());
      if (last != null && e.seq() > last + 1) {
        gaps.add(new Gap(e.agent(), last + 1, e.seq() - 1));
      }
      lastSeq.put(e.agent(), e.seq());
    }
    previous = e;
  }

  public void add(LedgerEntry e) {
    add(e, e.line());
  }

  static int compare(LedgerEntry a, LedgerEntry b) {
    int c = AGENT_ORDER.compare(a.agent(), b.agent());
    return c != 0 ? c : Long.compare(a.seq(), b.seq());
  }

  public long count() {
    return all.count();
  }

  public String root() {
    return all.rootHex();
  }

  /** Out-of-order entries, the first first. */
  public List<Disorder> disorders() {
    return List.copyOf(disorders);
  }

  /**
   * Missing sequence numbers, each agent in ledger order. An entry found out of order is not counted
   * missing: a reordering is reported as such, not as a removal.
   */
  public List<Gap> gaps() {
    List<Gap> out = new ArrayList<>();
    for (Gap g : gaps) {
      long from = g.from();
      List<Long> present = disorders.stream().filter(d -> d.agent().equals(g.agent()) && d.seq() >= g.from() && d.seq() <= g.to())
          .map(Disorder::seq).sorted().distinct().toList();
      for (long s : present) {
        if (s > from) {
          out.add(new Gap(g.agent(), from, s - 1));
        }
        from = s + 1;
      }
      if (from <= g.to()) {
        out.add(new Gap(g.agent(), from, g.to()));
      }
    }
    return out;
  }

  /** Subtree roots by agent (code-point order) and UTC day: {@code {agent, day, count, root}}. */
  public List<Map<String, Object>> subroots() {
    List<Map<String, Object>> out = new ArrayList<>();
    byAgentDay.keySet().stream().sorted(AGENT_ORDER).forEach(agent -> byAgentDay.get(agent).forEach((day, tree) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("agent", agent);
      m.put("day", day.toString());
      m.put("count", tree.count());
      m.put("root", tree.rootHex());
      out.add(m);
    }));
    return out;
  }

  public Optional<Disorder> firstDisorder() {
    return disorders.stream().findFirst();
  }
}
