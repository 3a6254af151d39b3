package io.eoc.edge.outbox;

import io.eoc.wire.io.DurableFiles;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes directory changes (create, delete, rename) durable. */
final class Fsync {
  private static final Logger log = LoggerFactory.getLogger(Fsync.class);
  private static volatile boolean warned;

  private Fsync() {}

  /** {@link DurableFiles#forceDirectory}, with one warning per process when it cannot be done. */
  static void directory(Path dir) {
    DurableFiles.forceDirectory(dir).ifPresent(e -> {
      if (!warned) {
        warned = true;
        log.warn("cannot fsync directory {}; file creations and deletions may not survive a power"
            + " loss", dir, e);
      }
    });
  }
}
