package io.eoc.metrics;

import java.util.List;

/**
 * Read access to stored telemetry, as the indicators need it. The cloud implements it over its
 * database; tests implement it with plain lists.
 */
public interface TelemetryEvidence {

  /** Every known device with its activity in the window (devices without points included). */
  List<DeviceActivity> deviceActivity(Window window) throws EvidenceException;

  /** Where the figures come from, for the report's provenance (for example the query used). */
  String describe();
}
