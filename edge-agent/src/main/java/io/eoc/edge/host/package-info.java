/**
 * The host probe's driver ({@code protocol: host}): samples the local Linux host through
 * {@code /proc} for the comprehensive-performance indicators of jiangsu-2018 §四 综合绩效 — business
 * hosts' average CPU utilisation and bandwidth usage rate (NIC traffic against the declared link
 * capacity). What other code may use is {@link io.eoc.edge.host.HostBinder} (via the service
 * loader) and {@link io.eoc.edge.host.HostDevice}; the parsing and rates are shared with the
 * cloud's self probe in {@link io.eoc.wire.host}.
 */
package io.eoc.edge.host;
