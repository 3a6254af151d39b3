package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows of {@code points (time, series_id, value, quality)} in PostgreSQL's binary COPY format
 * (PostgreSQL documentation, "COPY", section "Binary Format"), streamed in one {@code COPY ... FROM
 * STDIN (FORMAT binary)}. Binary rather than text: the server no longer parses a timestamp and a
 * float per row, and the writer no longer formats them, which at 100k points/s was about a fifth
 * of the sink's CPU on both sides. The values are stored bit for bit (NaN and ±Infinity included).
 *
 * <p>Public for the ingest benchmark's raw-COPY baseline, which must write the same format.
 */
public final class PointRows implements AutoCloseable {
  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, // flags: no OIDs
      0, 0, 0, 0}; // header extension length
  /** Field count, then per field its length and value: 2 + (4 + 8) + (4 + 4) + (4 + 8) + (4 + 2). */
  private static final int ROW_BYTES = 40;
  /** Rows are sent in pieces of this size while they are added, so memory does not grow with the rows. */
  private static final int BUFFER_BYTES = 1 << 16;
  public static final String SQL = "COPY points (time, series_id, value, quality) FROM STDIN (FORMAT binary)";

  private final CopyIn copy;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int length;
  private long rows;
  private boolean ended;

  private PointRows(CopyIn copy) {
    this.copy = copy;
    System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
    length = HEADER.length;
  }

  /**
   * Starts {@code copySql} (a {@code COPY ... FROM STDIN (FORMAT binary)} of the four columns) on
   * {@code connection}, in its transaction; no other statement may run on it until {@link #end()}.
   */
  public static PointRows start(Connection connection, String copySql) throws SQLException {
    return new PointRows(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
  }

  public void add(Instant time, int seriesId, double value, int quality) throws SQLException {
    long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    add(micros, seriesId, value, quality);
  }

  /** {@code epochMicros}: microseconds since 1970-01-01T00:00:00Z. */
  public void add(long epochMicros, int seriesId, double value, int quality) throws SQLException {
    if (length + ROW_BYTES > buf.length) {
      send();
    }
    putShort(4);
    putInt(8);
    putLong(epochMicros - PG_EPOCH_MICROS);
    putInt(4);
    putInt(seriesId);
    putInt(8);
    putLong(Double.doubleToRawLongBits(value));
    putInt(2);
    putShort(quality);
    rows++;
  }

  /** Ends the COPY; returns the rows the server took, which equals the rows added. */
  public long end() throws SQLException {
    if (length + 2 > buf.length) {
      send();
    }
    putShort(-1); // trailer
    send();
    ended = true;
    long taken = copy.endCopy();
    if (taken != rows) {
      throw new SQLException("COPY took " + taken + " of " + rows + " rows");
    }
    return taken;
  }

  /** Cancels a COPY that was not ended (its transaction is then to be rolled back). */
  @Override
  public void close() throws SQLException {
    if (!ended && copy.isActive()) {
      copy.cancelCopy();
    }
  }

  private void send() throws SQLException {
    copy.writeToCopy(buf, 0, length);
    length = 0;
  }

  private void putShort(int v) {
    buf[length++] = (byte) (v >>> 8);
    buf[length++] = (byte) v;
  }

  private void putInt(int v) {
    buf[length++] = (byte) (v >>> 24);
    buf[length++] = (byte) (v >>> 16);
    buf[length++] = (byte) (v >>> 8);
    buf[length++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
