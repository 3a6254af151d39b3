package io.eoc.ingest.users;

import java.util.Arrays;
import java.util.Locale;

/** What a user may do through the API. */
public enum Role {
  /** Everything, including users, declarations and (when permitted) usage backfill. */
  ADMIN,
  /** Reads, and writes to the device services (the ledger). */
  OPERATOR,
  /** Reads only: the assessor verifying the evidence never changes it. */
  ASSESSOR;

  /** The name stored in {@code users.role} and used in the API: {@code admin}, {@code operator}, {@code assessor}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean mayWrite() {
    return this != ASSESSOR;
  }

  /** Parses {@link #id()}; the message lists the roles there are. */
  public static Role parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown role '" + id + "': use admin, operator or assessor"));
  }
}
