/**
 * The edge processing chain: every point a driver produces passes a per-series chain that removes
 * invalid, abnormal and redundant data before it is batched (jiangsu-2023 §三(二)2 边缘计算:
 * "screen, compress, encrypt; remove invalid, abnormal and redundant data").
 *
 * <p>Order of the steps, each counted by reason in {@link io.eoc.edge.filter.FilterStats}:
 * <ol>
 *   <li>bad quality — passed through unchanged, never seen by the value steps ({@code bad-quality});
 *   <li>invalid — NaN/±Inf dropped ({@code nan}); outside the physical range dropped
 *       ({@code out-of-range});
 *   <li>abnormal — rate of change above {@code max-rate} dropped ({@code spike}); Hampel/MAD
 *       window test dropped ({@code outlier}); a value unchanged for longer than
 *       {@code frozen-after} is passed marked {@code UNCERTAIN} ({@code frozen});
 *   <li>redundant — same timestamp and value as the previous point dropped ({@code duplicate});
 *       within the deadband of the last reported value dropped ({@code deadband}), except that a
 *       value is reported at least once per {@code max-silence} (heartbeat).
 * </ol>
 *
 * <p>YAML, under a register (every key optional):
 * <pre>
 * filter:
 *   kind: analog              # analog (default) | state
 *   range: [0, 2.5]           # physical range, inclusive
 *   max-rate: 0.5             # units per second
 *   hampel: {window: 7, threshold: 3}
 *   frozen-after: 10m
 *   drop-duplicates: true
 *   deadband: 0.01            # absolute, in the tag's unit
 *   deadband-percent: 0.5     # percent of the range span; needs range
 *   max-silence: 60s          # heartbeat; only with a deadband (state tags: always on)
 * </pre>
 */
package io.eoc.edge.filter;
