package io.eoc.wire.seal;

/**
 * A well-formed envelope that must not be trusted: says which check failed. (Bytes that are not
 * an envelope at all are a {@link io.eoc.wire.MalformedMessageException}.)
 */
public final class SealException extends Exception {

  /** Which check failed; stable, for counters and the audit log. */
  public enum Reason {
    /** The envelope names a suite this side has no keys for. */
    UNSUPPORTED_SUITE,
    /** The envelope's agent or suite is not the one whose keys were given. */
    WRONG_KEYS,
    SIGNATURE_INVALID,
    /** No batch key could be derived (e.g. an X25519 small-order public key). */
    KEY_AGREEMENT_FAILED,
    DECRYPTION_FAILED,
    /** The batch inside names another agent or sequence than its envelope. */
    BATCH_MISMATCH
  }

  private final Reason reason;

  public SealException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public SealException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
