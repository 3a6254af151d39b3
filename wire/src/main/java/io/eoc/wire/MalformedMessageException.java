package io.eoc.wire;

/** Bytes that are not a valid message of this contract: says what is wrong and at which offset. */
public final class MalformedMessageException extends Exception {
  private final int offset;

  public MalformedMessageException(String message, int offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
