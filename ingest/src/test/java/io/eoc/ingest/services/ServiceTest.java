package io.eoc.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.criteria.Rulebook;
import io.eoc.criteria.RulebookLoader;
import io.eoc.metrics.ServiceUse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ids the cloud records uses under are the ones the service-use indicator and the rulebook measure. */
class ServiceTest {
  @Test
  void everyServedServiceIsMeasuredByServiceUseAndHasAJiangsu2023Rule() {
    Rulebook jiangsu = RulebookLoader.builtIn("jiangsu-2023");
    for (Service s : Service.values()) {
      assertThat(ServiceUse.SERVICES).contains(s.id());
      assertThat(jiangsu.rule("service." + s.id()).flatMap(r -> r.indicator()).map(i -> i.id())).as("rule service.%s", s.id())
          .contains("service-use." + s.id());
      assertThat(jiangsu.countsToward("service." + s.id())).as("service.%s counts toward the 8 of 13", s.id()).isPresent();
    }
  }

  @Test
  void theDeviceManagementSubdomainsScadaScreensAndOptimisationAreServed() {
    assertThat(Arrays.stream(Service.values()).map(Service::id))
        .contains("ledger", "inspection", "work-order", "maintenance", "scada", "remote-control", "optimisation");
    assertThat(Service.parse("optimisation")).isEqualTo(Service.OPTIMISATION);
    assertThat(Service.parse("scada")).isEqualTo(Service.SCADA);
    assertThat(Service.parse("work-order")).isEqualTo(Service.WORK_ORDER);
  }
}
