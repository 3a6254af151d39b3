package io.eoc.ingest.api;

import java.util.List;

/** Handles one path pattern; {@code groups} are the pattern's captured path segments. */
@FunctionalInterface
public interface Route {
  ApiResponse handle(ApiRequest request, List<String> groups) throws Exception;
}
