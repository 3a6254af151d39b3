package io.eoc.criteria.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.metrics.evidence.EvidenceSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSetJsonTest {
  @Test
  void everyRecordOfEverySectionRoundTripsExactly() {
    EvidenceSet e = Samples.evidence();
    Map<String, List<String>> lines = EvidenceSetJson.lines(e);
    assertThat(lines.keySet()).containsExactly("devices", "deviceHours", "agentHours", "drops", "services", "users", "userHours",
        "hosts", "dataOps", "declarations");
    EvidenceSet back = EvidenceSetJson.fromLines(e.window(), e.describe(), e.available(), lines);
    assertThat(back).isEqualTo(e);
    assertThat(EvidenceSetJson.lines(back)).isEqualTo(lines);
  }

  @Test
  void linesAreCanonicalWithFixedFieldNames() {
    List<String> devices = EvidenceSetJson.lines(Samples.evidence()).get("devices");
    assertThat(devices.get(1)).isEqualTo("{\"agentId\":\"b\",\"category\":\"power\",\"expectedPointsPerHour\":0,\"id\":\"b/meter-1\","
        + "\"kind\":\"energy-meter\",\"name\":\"meter \\\"main\\\"\",\"protocol\":\"opc-ua\",\"purchaseValue10kCny\":null,\"simulated\":false}");
  }

  @Test
  void aMalformedRecordIsNamedBySectionRecordAndField() {
    Map<String, List<String>> lines = new LinkedHashMap<>(EvidenceSetJson.lines(Samples.evidence()));
    lines.put("drops", List.of(lines.get("drops").get(0), "{\"agentId\":\"a\",\"count\":-1,\"hour\":\"2026-11-01T03:00:00Z\",\"reason\":\"x\"}"));
    assertThatThrownBy(() -> EvidenceSetJson.fromLines(Samples.WINDOW, "x", Samples.evidence().available(), lines))
        .hasMessageContaining("section drops, record 2").hasMessageContaining("counts must be >= 0");
    lines.put("drops", List.of("{\"agentId\":\"a\",\"count\":1,\"hour\":\"2026-11-01T03:00:00Z\"}"));
    assertThatThrownBy(() -> EvidenceSetJson.fromLines(Samples.WINDOW, "x", Samples.evidence().available(), lines))
        .hasMessageContaining("section drops, record 1: field 'reason' is missing");
  }
}
