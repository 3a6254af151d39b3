package io.eoc.ingest.store;

/** What one sink transaction did. Duplicates are batches already stored (redelivery). */
public record WriteResult(int batches, int duplicates, long points, int catalogues, int rejected) {
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0, 0);

  public WriteResult plus(WriteResult o) {
    return new WriteResult(batches + o.batches, duplicates + o.duplicates, points + o.points,
        catalogues + o.catalogues, rejected + o.rejected);
  }
}
