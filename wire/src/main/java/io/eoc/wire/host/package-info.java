/**
 * Measuring a Linux host through procfs for the comprehensive-performance indicators of
 * jiangsu-2018 §四 综合绩效 (business hosts' average CPU utilisation and bandwidth usage rate): the
 * parsing of {@code /proc/stat}, {@code /proc/net/dev}, {@code /proc/meminfo} and {@code /proc/uptime}
 * and the rates between two samples. One piece of code shared by the host probe's driver in the edge
 * agent and the cloud's measurement of its own host, so both report the same figures the same way.
 * Pure but for {@link io.eoc.wire.host.HostSampler} and {@link io.eoc.wire.host.HostIdentity}, which
 * read files under a given proc directory; no threads, no logging.
 */
package io.eoc.wire.host;
