package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AllocationProbeTest {
  @Test
  void readsTheFirstMeasurementOfAnActuatorMetric() throws Exception {
    String json =
        "{\"name\":\"jvm.gc.memory.allocated\",\"baseUnit\":\"bytes\","
            + "\"measurements\":[{\"statistic\":\"COUNT\",\"value\":1.5E9}],"
            + "\"availableTags\":[]}";
    assertThat(AllocationProbe.value(json)).isEqualTo(1.5e9);
    assertThat(AllocationProbe.value("{\"measurements\":[]}")).isEqualTo(-1);
    assertThat(AllocationProbe.value("{}")).isEqualTo(-1);
  }

  @Test
  void bytesPerDeliveryBetweenTwoReadings() {
    assertThat(AllocationProbe.perCount(OptionalLong.of(1_000), OptionalLong.of(4_000), 1_000))
        .isEqualTo("3 B");
    assertThat(AllocationProbe.perCount(OptionalLong.of(0), OptionalLong.of(30_720_000), 1_000))
        .isEqualTo("30.0 KiB");
    assertThat(AllocationProbe.perCount(OptionalLong.empty(), OptionalLong.of(1), 1))
        .isEqualTo("n/a");
    assertThat(AllocationProbe.perCount(OptionalLong.of(1), OptionalLong.of(2), 0))
        .isEqualTo("n/a");
  }
}
