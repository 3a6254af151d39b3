package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Declared items (guidelines README §1.3 上云投入, §2 IT运维成本下降率 / 年度上云投入): figures the
 * documents do not let the cloud measure. Each carries the reference of its supporting documents
 * (contracts, payments, invoices) and is always shown as declared, never as measured. A later
 * declaration of an item supersedes an earlier one; all are kept.
 */
public final class Declarations {
  private final DataSource dataSource;
  private final Clock clock;

  public Declarations(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The items that may be declared, each with its one unit. */
  public enum Item {
    /** 上云投入, cumulative: > 3 / 10 / 30 (10k CNY) for 3★ / 4★ / 5★. */
    CLOUD_INVESTMENT("cloud-investment", "10k CNY", Double.MAX_VALUE),
    /** 年度上云投入: ≥ 5 / 50 / 400 (10k CNY). */
    ANNUAL_CLOUD_INVESTMENT("annual-cloud-investment", "10k CNY", Double.MAX_VALUE),
    /** IT运维成本下降率: ≥ 30 %. */
    IT_OM_COST_REDUCTION("it-om-cost-reduction", "%", 100);

    private final String id;
    private final String unit;
    private final double max;

    Item(String id, String unit, double max) {
      this.id = id;
      this.unit = unit;
      this.max = max;
    }

    public String id() {
      return id;
    }

    public String unit() {
      return unit;
    }

    static String known() {
      return Arrays.stream(values()).map(i -> i.id + " (" + i.unit + ")").collect(Collectors.joining(", "));
    }
  }

  public record Declaration(long id, String item, double value, String unit, String reference, Instant declaredAt,
      String declaredBy) {}

  /** Validates a parsed JSON object {@code {item, value, unit, reference}}, reporting every problem together. */
  public Declaration declare(Map<String, Object> json, String by) throws SQLException {
    List<String> errors = new ArrayList<>();
    Object itemId = json.get("item");
    Item item = Arrays.stream(Item.values()).filter(i -> i.id.equals(itemId)).findFirst().orElse(null);
    if (item == null) {
      errors.add("item must be one of " + Item.known() + ", was " + (itemId == null ? "missing" : "'" + itemId + "'"));
    }
    Object value = json.get("value");
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
      errors.add("value must be a number >= 0, was " + (value == null ? "missing" : value));
    } else if (item != null && n.doubleValue() > item.max) {
      errors.add("value of " + item.id + " must be at most " + item.max + " " + item.unit + ", was " + value);
    }
    Object unit = json.get("unit");
    if (item != null && !item.unit.equals(unit)) {
      errors.add("unit of " + item.id + " must be '" + item.unit + "', was " + (unit == null ? "missing" : "'" + unit + "'"));
    }
    Object reference = json.get("reference");
    if (!(reference instanceof String r) || r.isBlank() || r.length() > 1000) {
      errors.add("reference must name the supporting documents (contract, payment, invoice numbers), 1-1000 characters");
    }
    json.keySet().stream().filter(k -> !List.of("item", "value", "unit", "reference").contains(k)).sorted()
        .forEach(k -> errors.add("unknown field '" + k + "' (fields: item, value, unit, reference)"));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid declaration: " + String.join("; ", errors));
    }
    return insert(item, ((Number) value).doubleValue(), ((String) reference).strip(), by);
  }

  private Declaration insert(Item item, double value, String reference, String by) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO declarations "
        + "(item, value, unit, reference, declared_at, declared_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, item.id);
      ps.setDouble(2, value);
      ps.setString(3, item.unit);
      ps.setString(4, reference);
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setString(6, by);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Declaration(rs.getLong(1), item.id, value, item.unit, reference, now, by);
      }
    }
  }

  public List<Declaration> list() throws SQLException {
    List<Declaration> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id, item, value, unit, reference, declared_at, declared_by FROM declarations ORDER BY declared_at, id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Declaration(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant(), rs.getString(7)));
      }
    }
    return out;
  }
}
