/**
 * The host probe's driver ({@code protocol: host}): samples the local Linux host through
 * {@code /proc} for the comprehensive-performance indicators of jiangsu-2018 §四 综合绩效 — business
 * hosts' average CPU utilisation and bandwidth usage rate (NIC traffic against the declared link
 * capacity). What other code may use is {@link io.eoc.edge.host.HostBinder} (via the service
 * loader) and {@link io.eoc.edge.host.HostDevice}; parsing and rates are package-private.
 */
package io.eoc.edge.host;
