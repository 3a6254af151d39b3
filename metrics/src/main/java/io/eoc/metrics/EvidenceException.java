package io.eoc.metrics;

/** Evidence could not be read (the store is unreachable, a query failed). */
public final class EvidenceException extends Exception {
  public EvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
