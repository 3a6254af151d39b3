package io.eoc.ingest.api;

import java.io.OutputStream;

/**
 * Writes a response body that is too large to hold in memory (an evidence export). The server runs it
 * off the event loop and sends what it writes as it comes; it must not close {@code out}.
 */
@FunctionalInterface
public interface BodyWriter {
  void writeTo(OutputStream out) throws Exception;
}
