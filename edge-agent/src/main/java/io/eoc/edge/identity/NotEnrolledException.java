package io.eoc.edge.identity;

import java.io.IOException;

/** The agent has no keys yet; the message says how to enrol it. */
public final class NotEnrolledException extends IOException {
  public NotEnrolledException(String message) {
    super(message);
  }
}
