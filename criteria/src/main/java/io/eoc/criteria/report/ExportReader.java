package io.eoc.criteria.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an evidence export as it is, without trusting it: the header, each section's raw lines (digests
 * are taken over the bytes found, not over a re-encoding), and the ledger streamed through a
 * {@link LedgerSummary}. Malformed lines become problems naming their line, not exceptions.
 */
final class ExportReader {
  final List<String> problems = new ArrayList<>();
  final Map<String, List<String>> sections = new LinkedHashMap<>();
  final LedgerSummary ledger = new LedgerSummary();
  Map<String, Object> header;
  boolean ledgerSeen;

  static ExportReader read(BufferedReader in) throws IOException {
    ExportReader r = new ExportReader();
    r.readAll(in);
    return r;
  }

  private void readAll(BufferedReader in) throws IOException {
    String first = in.readLine();
    if (first == null) {
      problems.add("the export is empty");
      return;
    }
    try {
      header = CanonicalJson.parseObject(first);
    } catch (IllegalArgumentException e) {
      problems.add("line 1 (the header): " + e.getMessage());
    }
    String section = null;
    long n = 1;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      n++;
      Optional<String> marker = marker(line);
      if (marker.isPresent()) {
        section = marker.get();
        if (section.equals(Reports.LEDGER)) {
          ledgerSeen = true;
        } else if (sections.putIfAbsent(section, new ArrayList<>()) != null || ledgerSeen) {
          problems.add("line " + n + ": section '" + section + "' appears again or after the ledger");
        }
      } else if (section == null) {
        problems.add("line " + n + ": a record before any section marker");
      } else if (section.equals(Reports.LEDGER)) {
        ledgerLine(n, line);
      } else {
        sections.get(section).add(line);
      }
    }
  }

  private void ledgerLine(long n, String line) {
    try {
      ledger.add(LedgerEntry.fromMap(CanonicalJson.parseObject(line)), line, n);
    } catch (IllegalArgumentException e) {
      problems.add("line " + n + " (ledger): not a valid batch: " + e.getMessage());
    }
  }

  /** The section a marker line {@code {"section":"name"}} opens; empty for any other line. */
  private static Optional<String> marker(String line) {
    if (!line.startsWith("{\"section\":")) {
      return Optional.empty();
    }
    try {
      Map<String, Object> m = CanonicalJson.parseObject(line);
      return m.size() == 1 && m.get("section") instanceof String s ? Optional.of(s) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
