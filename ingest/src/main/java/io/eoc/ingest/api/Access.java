package io.eoc.ingest.api;

/** What a route asks of its caller; the {@link Gate} enforces it before the route runs. */
public enum Access {
  /** Anyone: the console page, health, login, enrolment (which checks its own one-time token). */
  OPEN,
  /** Any role, including assessor; open while users are not required. */
  READ,
  /** Operator or admin (assessors are read-only). */
  WRITE,
  /** Admin only. */
  ADMIN,
  /**
   * Admin, or a request without a session from the cloud's own machine — how {@code eoc cloud user}
   * creates the first admin; whoever runs commands there can read the embedded database anyway.
   */
  ADMIN_OR_LOCAL
}
