package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  private final ReconnectPolicy policy =
      ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void growsExponentiallyUpToTheCap() {
    assertThat(policy.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delay(4, () -> 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.delay(6, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(1_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jitterOnlyShortensWithinItsFraction() {
    assertThat(policy.delay(3, () -> 0.999))
        .isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(policy.withJitter(1.0).delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.withJitter(0).delay(3, () -> 0.9)).isEqualTo(Duration.ofMillis(400));
    for (int i = 0; i < 100; i++) {
      assertThat(policy.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }
  }

  @Test
  void attemptsAreBoundedOrNot() {
    assertThat(policy.allows(1_000_000)).isTrue();
    ReconnectPolicy three = policy.withMaxAttempts(3);
    assertThat(three.allows(3)).isTrue();
    assertThat(three.allows(4)).isFalse();
    assertThat(ReconnectPolicy.NONE.allows(1)).isFalse();
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(
            () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withMaxAttempts(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
