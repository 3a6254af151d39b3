package io.eoc.wire.seal;

/** An in-memory counter: fine within one test, never across restarts (that is FileNonceSource's job). */
final class CountingNonces implements NonceSource {
  private long next;

  @Override
  public synchronized long next() {
    return next++;
  }
}
