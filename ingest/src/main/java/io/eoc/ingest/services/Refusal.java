package io.eoc.ingest.services;

/**
 * A request that is understood but cannot be served, with the HTTP status that says why and a
 * message that says what to do. Invalid input is an {@link IllegalArgumentException} (400) instead.
 */
public final class Refusal extends RuntimeException {
  private final int status;

  private Refusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public static Refusal unauthorized(String message) {
    return new Refusal(401, message);
  }

  public static Refusal forbidden(String message) {
    return new Refusal(403, message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(404, message);
  }

  public static Refusal conflict(String message) {
    return new Refusal(409, message);
  }

  public int status() {
    return status;
  }
}
