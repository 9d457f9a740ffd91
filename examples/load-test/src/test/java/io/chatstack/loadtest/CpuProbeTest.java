package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuProbeTest {
  @Test
  void addsUserAndSystemTicksAfterTheCommandName() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 40 0 12345";
    assertThat(CpuProbe.parse(stat)).isEqualTo(300 * 10_000_000L);
  }

  @Test
  void readsThisProcess() {
    assertThat(CpuProbe.cpuNanos(ProcessHandle.current().pid())).isPositive();
    assertThat(CpuProbe.cpuNanos(0)).isEqualTo(-1);
  }
}
