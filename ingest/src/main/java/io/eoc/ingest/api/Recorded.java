package io.eoc.ingest.api;

import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.Usage;
import java.util.Optional;

/**
 * Wraps routes so that each request they serve successfully (2xx) is recorded as evidence: one use
 * of the device service, the caller active in this hour, one data read (GET) or write (other methods).
 * A request marked {@code X-Eoc-Refresh: auto} (a screen refreshing itself with nobody at it) is a
 * data operation only: an unattended open page must not show as a service in use or a user active.
 * A streamed answer is recorded when its body has been written whole.
 */
final class Recorded {
  static final String REFRESH_HEADER = "x-eoc-refresh";

  private final Usage usage;

  Recorded(Usage usage) {
    this.usage = usage;
  }

  /** A use of {@code service} (jiangsu-2023 §四 设备服务). */
  Route use(Service service, Route route) {
    return wrap(Optional.of(service), route);
  }

  /** Data operations and user activity of an endpoint that is not a device service. */
  Route ops(Route route) {
    return wrap(Optional.empty(), route);
  }

  private Route wrap(Optional<Service> service, Route route) {
    return (req, groups) -> {
      ApiResponse r = route.handle(req, groups);
      if (r.status() < 200 || r.status() >= 300) {
        return r;
      }
      if (r.stream().isPresent()) {
        // Served only once the whole body is written: a stream that fails midway is no use.
        BodyWriter body = r.stream().get();
        return r.withStream(out -> {
          body.writeTo(out);
          record(service, req);
        });
      }
      record(service, req);
      return r;
    };
  }

  private void record(Optional<Service> service, ApiRequest req) {
    boolean read = req.method().equals("GET") || req.method().equals("HEAD");
    boolean unattended = req.header(REFRESH_HEADER).filter(h -> h.equalsIgnoreCase("auto")).isPresent();
    usage.record(unattended ? Optional.empty() : service, unattended ? Optional.empty() : req.caller().flatMap(Caller::user),
        read ? 1 : 0, read ? 0 : 1);
  }
}
