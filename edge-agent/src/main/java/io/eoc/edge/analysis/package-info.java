/**
 * Edge analysis (jiangsu-2023 §三(二)2 边缘计算: analyse at the edge to relieve the cloud): per
 * device, tumbling-window aggregates, derived indicators and limit alarms, emitted as derived
 * {@link io.eoc.wire.Point}s (quality GOOD) that travel in the normal batches:
 * <ul>
 *   <li>{@code <tag>:min|max|mean|last|count:<window>} at the window end;
 *   <li>{@code running_hours:<w>}, {@code starts:<w>}, {@code availability:<w>} from a running tag;
 *   <li>{@code energy_kwh:<w>} (trapezoid rule), {@code capacity_factor:<w>},
 *       {@code <specific name>:<w>};
 *   <li>{@code alarm:<name>} = 1 when raised, 0 when cleared, at the transition time.
 * </ul>
 * Indicator values are per window (sum them for totals), so nothing has to survive a restart.
 *
 * <p>Signal model: a sample holds until the next sample, a bad-quality point or {@code max-gap}
 * (report-by-exception semantics). The mean is time-weighted over the time the value was known;
 * min/max include the value carried into the window, so min ≤ mean ≤ max.
 *
 * <p>YAML, under a device (every key optional):
 * <pre>
 * analysis:
 *   window: 60s                                   # whole seconds, aligned to the epoch
 *   max-gap: 5m                                   # longest hold/interpolation
 *   aggregates: [steam_pressure, fuel_flow]       # or [all]
 *   running: {tag: running, above: 0.5}           # running while value >= above
 *   energy: {power-tag: active_power, unit: kW}   # W | kW | MW
 *   specific: {name: gas_per_steam, numerator: fuel_flow, denominator: steam_flow}  # or a list
 *   capacity-factor: {power-tag: active_power, rated: 2000}   # rated in the power tag's unit
 *   alarms:
 *     - {name: high_pressure, tag: steam_pressure, above: 1.55, for: 5s, clear-below: 1.50}
 *     - {name: low_level, tag: drum_level, below: 20, clear-above: 25}
 * </pre>
 */
package io.eoc.edge.analysis;
