package io.eoc.ingest.api;

import io.eoc.ingest.store.DatabaseAuditLog;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API actions in {@code audit_log} (logins, user administration, ledger changes, declarations,
 * backfills). Never given a password or token. Text from the network has control characters
 * replaced and is shortened, so that it cannot forge log lines.
 */
public final class Audit {
  private static final Logger log = LoggerFactory.getLogger("io.eoc.audit");
  private static final int MAX = 500;
  private final DataSource dataSource;
  private final Clock clock;

  public Audit(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public void record(String actor, String action, String subject, String outcome, String detail) {
    String a = printable(actor);
    String s = printable(subject);
    String d = printable(detail);
    log.info("{} {} {}: {} {}", a, action, s, outcome, d);
    DatabaseAuditLog.record(dataSource, clock.instant(), a, action, s, outcome, d);
  }

  /** What an accepted write is recorded as. */
  record Entry(String subject, String detail) {}

  @FunctionalInterface
  interface Write<T> {
    T run() throws Exception;
  }

  /**
   * Runs a write and records it: {@code ok} with the entry {@code describe} makes of its result, or
   * {@code refused} with the message of a 400/403/404/409, which is then rethrown.
   */
  <T> T write(String actor, String action, String subject, Write<T> write, java.util.function.Function<T, Entry> describe)
      throws Exception {
    T result;
    try {
      result = write.run();
    } catch (IllegalArgumentException | io.eoc.ingest.services.Refusal e) {
      record(actor, action, subject, "refused", e.getMessage());
      throw e;
    }
    Entry e = describe.apply(result);
    record(actor, action, e.subject(), "ok", e.detail());
    return result;
  }

  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
    text.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.length() > MAX ? out + "..." : out.toString();
  }
}
