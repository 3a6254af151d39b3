package io.eoc.criteria.report;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One stored batch as the ledger of the evidence export lists it, and as a leaf of the report's
 * Merkle tree: its canonical line is the leaf data.
 *
 * @param wireBytes size of the sealed envelope as received, when recorded
 * @param envelopeHash SHA-256 of the sealed envelope (lower-case hex), when recorded
 */
public record LedgerEntry(String agent, long seq, Instant createdAt, Instant receivedAt, long points,
    OptionalLong wireBytes, boolean backfill, Optional<String> envelopeHash) {
  public LedgerEntry {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(wireBytes, "wireBytes");
    Objects.requireNonNull(envelopeHash, "envelopeHash");
  }

  /** From a row whose envelope hash is raw bytes or null. */
  public static LedgerEntry of(String agent, long seq, Instant createdAt, Instant receivedAt, long points,
      Long wireBytes, boolean backfill, byte[] envelopeHash) {
    return new LedgerEntry(agent, seq, createdAt, receivedAt, points,
        wireBytes == null ? OptionalLong.empty() : OptionalLong.of(wireBytes), backfill,
        Optional.ofNullable(envelopeHash).map(HexFormat.of()::formatHex));
  }

  /** The fields in a JSON-ready map (names as in the export). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent", agent);
    m.put("seq", seq);
    m.put("createdAt", createdAt.toString());
    m.put("receivedAt", receivedAt.toString());
    m.put("points", points);
    m.put("wireBytes", wireBytes.isPresent() ? wireBytes.getAsLong() : null);
    m.put("backfill", backfill);
    m.put("envelopeHash", envelopeHash.orElse(null));
    return m;
  }

  /** The canonical line (without its newline): the Merkle leaf data. */
  public String line() {
    return CanonicalJson.write(toMap());
  }

  public static LedgerEntry fromMap(Map<String, Object> m) {
    Fields f = new Fields("ledger", m);
    LedgerEntry e = new LedgerEntry(f.string("agent"), f.integer("seq"), f.instant("createdAt"), f.instant("receivedAt"),
        f.integer("points"), f.optionalLong("wireBytes"), f.bool("backfill"), f.optionalString("envelopeHash"));
    f.requireOnly("agent", "seq", "createdAt", "receivedAt", "points", "wireBytes", "backfill", "envelopeHash");
    return e;
  }
}
