package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RampPolicyTest {
  private static LatencyRecorder.Result step(long received, long expected, long p99Micros) {
    return new LatencyRecorder.Result(
        expected, received, 0, 1000, p99Micros, p99Micros, p99Micros, 10);
  }

  @Test
  void aRefusedSendFailsTheStepAndSaysSo() {
    RampPolicy ramp = new RampPolicy(100, 2, 50_000, 10, 0);
    // Refused during the step's warm-up: nothing of the window is lost, only the refusal says it.
    LatencyRecorder.Result refused =
        new LatencyRecorder.Result(10_000, 10_000, 1, 1000, 2_000, 2_000, 2_000, 10);
    assertThat(ramp.accept(refused)).isFalse();
    assertThat(ramp.hasNext()).isFalse();
    assertThat(ramp.stopReason()).isEqualTo("refused sends: 1 at 100 msg/s");
  }

  @Test
  void growsUntilP99ExceedsTheLimitAndKeepsTheBestPassingRate() {
    RampPolicy ramp = new RampPolicy(100, 1.5, 50_000, 10, 0);
    assertThat(ramp.nextRate()).isEqualTo(100);
    assertThat(ramp.accept(step(10_000, 10_000, 5_000))).isTrue();
    assertThat(ramp.nextRate()).isEqualTo(150);
    assertThat(ramp.accept(step(15_000, 15_000, 50_000))).isTrue();
    assertThat(ramp.accept(step(22_500, 22_500, 50_001))).isFalse();
    assertThat(ramp.hasNext()).isFalse();
    assertThat(ramp.bestDeliveriesPerSecond()).isEqualTo(1500);
    assertThat(ramp.stopReason()).startsWith("p99");
  }

  @Test
  void anyLossFailsTheStep() {
    RampPolicy ramp = new RampPolicy(100, 2, 50_000, 10, 0);
    assertThat(ramp.accept(step(9_999, 10_000, 1_000))).isFalse();
    assertThat(ramp.bestDeliveriesPerSecond()).isEqualTo(-1);
    assertThat(ramp.stopReason()).startsWith("loss");
  }

  @Test
  void aFailedStepIsRetriedOnceAtTheSameRate() {
    RampPolicy ramp = new RampPolicy(100, 2, 50_000, 10);
    assertThat(ramp.accept(step(100, 100, 60_000))).isFalse();
    assertThat(ramp.hasNext()).isTrue();
    assertThat(ramp.nextRate()).isEqualTo(100);
    assertThat(ramp.accept(step(100, 100, 1_000))).isTrue();
    assertThat(ramp.nextRate()).isEqualTo(200);
    assertThat(ramp.accept(step(200, 200, 60_000))).isFalse();
    assertThat(ramp.accept(step(200, 200, 60_000))).isFalse();
    assertThat(ramp.hasNext()).isFalse();
    assertThat(ramp.bestDeliveriesPerSecond()).isEqualTo(10);
  }

  @Test
  void stopsAfterMaxSteps() {
    RampPolicy ramp = new RampPolicy(100, 2, 50_000, 2);
    ramp.accept(step(100, 100, 1_000));
    ramp.accept(step(200, 200, 1_000));
    assertThat(ramp.hasNext()).isFalse();
    assertThat(ramp.bestDeliveriesPerSecond()).isEqualTo(20);
    assertThat(ramp.stopReason()).contains("max steps");
  }

  @Test
  void aRetriedRateCountsAsOneStep() {
    RampPolicy ramp = new RampPolicy(100, 2, 50_000, 2);
    ramp.accept(step(100, 100, 60_000)); // fails once, retried
    ramp.accept(step(100, 100, 1_000));
    assertThat(ramp.hasNext()).isTrue();
    assertThat(ramp.nextRate()).isEqualTo(200);
    ramp.accept(step(200, 200, 1_000));
    assertThat(ramp.hasNext()).isFalse();
    assertThat(ramp.bestDeliveriesPerSecond()).isEqualTo(20);
  }
}
