package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuPerDeliveryTest {
  private final Map<Long, Long> cpu = new HashMap<>();

  private long cpuOf(long pid) {
    return cpu.getOrDefault(pid, -1L);
  }

  @Test
  void cpuOfAllProcessesOfTheGroupOverTheWindowPerDelivery() {
    cpu.put(10L, 5_000_000L);
    cpu.put(11L, 1_000_000L);
    CpuPerDelivery group = new CpuPerDelivery(List.of(10L, 11L), this::cpuOf);
    group.start();
    cpu.put(10L, 8_000_000L); // +3 ms
    cpu.put(11L, 2_000_000L); // +1 ms
    assertThat(group.microsPer(100)).isEqualTo("40.0 µs");
    assertThat(group.microsPer(10)).isEqualTo("400 µs");
    assertThat(group.microsPer(1)).isEqualTo("4,000 µs");
  }

  @Test
  void missingProcessesOrNothingCountedGiveNotAvailable() {
    assertThat(new CpuPerDelivery(List.of(), this::cpuOf).microsPer(5)).isEqualTo("n/a");
    CpuPerDelivery unreadable = new CpuPerDelivery(List.of(99L), this::cpuOf);
    unreadable.start();
    assertThat(unreadable.microsPer(5)).isEqualTo("n/a");
    cpu.put(7L, 0L);
    CpuPerDelivery notStarted = new CpuPerDelivery(List.of(7L), this::cpuOf);
    assertThat(notStarted.microsPer(5)).isEqualTo("n/a");
    notStarted.start();
    assertThat(notStarted.microsPer(0)).isEqualTo("n/a");
    assertThat(new CpuPerDelivery(List.of(0L, -1L), this::cpuOf).microsPer(5)).isEqualTo("n/a");
  }

  @Test
  void pidsAreParsedFromACommaSeparatedList() {
    assertThat(CpuPerDelivery.parsePids("12, 13,,14")).containsExactly(12L, 13L, 14L);
    assertThat(CpuPerDelivery.parsePids("")).isEmpty();
    assertThat(CpuPerDelivery.parsePids(null)).isEmpty();
  }
}
