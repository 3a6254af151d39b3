package io.eoc.ingest.services;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The device services this cloud serves, by their subdomain id of jiangsu-2023 §四 设备服务
 * (guidelines README §1.2). Each request served counts one use in {@code service_usage}. With
 * optimisation, every subdomain of the 13 is now served: these 11 by the cloud, edge processing and
 * edge analysis by the agents. {@code optimisation} also counts a use for each evaluation its
 * scheduler makes in the cloud.
 */
public enum Service {
  /** 数据监控/实时数据: latest values and the device list. */
  REALTIME("realtime"),
  /** 数据监控/信息追溯: history of a tag from the rollups or raw points. */
  TRACE("trace"),
  /** 设备管理/设备台账: the device ledger. */
  LEDGER("ledger"),
  /** 设备管理/设备点检: inspection plans and rounds, tag values checked against expected ranges. */
  INSPECTION("inspection"),
  /** 设备管理/工单管理: work orders from scratch, alarms or inspections, through a closed-loop state machine. */
  WORK_ORDER("work-order"),
  /** 设备管理/维修保养: maintenance plans with their next due date, and maintenance records. */
  MAINTENANCE("maintenance"),
  /** 数据监控/组态画面: configurable screens of site topology, online and abnormal state, running parameters. */
  SCADA("scada"),
  /** 数据监控/异常报警: alarms raised at the edge, with the data around them. */
  ALARMS("alarms"),
  /** 数据监控/数据报表: the assessment report. */
  REPORTS("reports"),
  /** 决策优化/反向控制: a command to write a set point, checked and applied by the agent. */
  REMOTE_CONTROL("remote-control"),
  /** 决策优化/执行优化: set-point trim strategies deciding, and in auto mode commanding, from the stored data. */
  OPTIMISATION("optimisation");

  private final String id;

  Service(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Service parse(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown service '" + id + "': this cloud serves " + Arrays.stream(values()).map(Service::id).collect(Collectors.joining(", "))));
  }
}
