package io.eoc.edge;

import io.eoc.wire.Point;
import java.io.IOException;
import java.util.List;

/**
 * Reads one device. Implementations convert their protocol library's types to {@link Point}s at
 * this boundary.
 *
 * <p>A failure that concerns some tags (an exception response for one block of registers) is a
 * quality on those points; a failure of the connection itself is an {@link IOException}, after
 * which the caller backs off and calls {@link #read()} again (the driver reconnects itself).
 */
public interface DeviceDriver extends AutoCloseable {

  String deviceId();

  /** Reads every configured tag once, each point stamped with the time its answer arrived. */
  List<Point> read() throws IOException;

  /**
   * Writes the engineering value {@code value} to {@code tag} (a remote-control command). Whether
   * the cloud may write the tag at all is decided before this is called; this only writes.
   *
   * @throws UnsupportedOperationException if this driver cannot write
   * @throws IllegalArgumentException for an unknown or read-only tag
   * @throws IOException if the device refuses or cannot be reached
   */
  default void write(String tag, double value) throws IOException {
    throw new UnsupportedOperationException("this driver cannot write");
  }

  /** Drops the connection; the next {@link #read()} reconnects. */
  void disconnect();

  @Override
  void close();
}
