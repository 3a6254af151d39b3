package io.eoc.criteria.report;

import java.util.Map;

/** The report's labels in English and Chinese. A missing label is a bug caught by the tests, not a blank. */
final class Messages {
  private static final Map<String, String[]> TABLE = Map.ofEntries(
      e("title", "Star-rating assessment report", "星级上云评估报告"),
      e("rulebook", "Rulebook", "评定规则"),
      e("level", "Star level assessed", "评估星级"),
      e("window", "Evidence window", "证据时间窗"),
      e("generated", "Generated at", "生成时间"),
      e("reached", "Level reached: every rule it requires passes.", "已达到该星级：所需各项均通过。"),
      e("notReached", "Level not reached.", "未达到该星级。"),
      e("reasons", "Reasons", "未达标原因"),
      e("results", "Results", "评估结果"),
      e("rule", "Indicator", "指标"),
      e("measured", "Measured / declared value", "实测值 / 申报值"),
      e("threshold", "Threshold", "标准"),
      e("outcome", "Outcome", "结论"),
      e("method", "Method", "方法"),
      e("resultWindow", "Window", "时间窗"),
      e("explanation", "How it was measured", "计算说明"),
      e("declared", "declared", "申报"),
      e("noValue", "no evidence", "无证据"),
      e("PASS", "pass", "通过"),
      e("FAIL", "fail", "未通过"),
      e("NO_EVIDENCE", "no evidence", "无证据"),
      e("backfill", "This report includes backfilled data: history pushed after the fact, marked as backfill at the edge.",
          "本报告包含回填数据：事后补传的历史数据，已在边缘端标记为回填。"),
      e("simulated", "This report includes simulated equipment: devices that identify themselves as simulated.",
          "本报告包含模拟设备：自报为模拟的设备。"),
      e("charts", "Charts", "图表"),
      e("volume", "Daily data volume (points received per UTC day)", "每日数据量（按UTC日的数据点数）"),
      e("online", "Online rate per equipment category per day (device-hours with good data)", "各类设备每日在线率（有有效数据的设备小时占比）"),
      e("hosts", "Business hosts per day: average CPU utilisation and bandwidth usage", "业务主机每日平均CPU利用率与带宽使用率"),
      e("cpu", "CPU", "CPU利用率"),
      e("bandwidth", "bandwidth", "带宽使用率"),
      e("noEvidence", "No evidence: this cloud holds no data for this chart in the window.", "无证据：本时间窗内云端没有此图所需的数据。"),
      e("integrity", "Integrity", "完整性"),
      e("batches", "Signed batches", "已签名批次数"),
      e("merkleRoot", "Merkle root of the batches", "批次Merkle根"),
      e("key", "Report-signing key fingerprint (SHA-256)", "报告签名密钥指纹（SHA-256）"),
      e("verifyHint", "Check this report offline with: eoc verify report.json --evidence evidence.jsonl --key-fingerprint <fingerprint>",
          "离线验证：eoc verify report.json --evidence evidence.jsonl --key-fingerprint <指纹>"),
      e("evidenceSource", "Evidence", "证据来源"),
      e("unsigned", "not signed", "未签名"));

  private Messages() {}

  private static Map.Entry<String, String[]> e(String key, String en, String zh) {
    return Map.entry(key, new String[] {en, zh});
  }

  /** The label {@code key} in {@code lang} ({@code en} or {@code zh}). */
  static String get(String lang, String key) {
    String[] m = TABLE.get(key);
    if (m == null) {
      throw new IllegalArgumentException("no label '" + key + "'");
    }
    return m["zh".equals(lang) ? 1 : 0];
  }

  static boolean has(String key) {
    return TABLE.containsKey(key);
  }
}
