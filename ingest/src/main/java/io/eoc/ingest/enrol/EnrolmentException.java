package io.eoc.ingest.enrol;

/** Enrolment refused: the message says why, without revealing whether a token exists for another agent. */
public final class EnrolmentException extends Exception {
  public EnrolmentException(String message) {
    super(message);
  }
}
