package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignalSettingsRulesTest {
  private static final Duration NEGATIVE = Duration.ofMillis(-1);
  private final SignalSettings d = SignalSettings.DEFAULTS;

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(d)
        .isEqualTo(
            new SignalSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofSeconds(3),
                Duration.ofSeconds(6),
                true,
                Duration.ofSeconds(1)));
  }

  @Test
  void graceThrottleAndReceiptIntervalMayBeZeroButNotNegative() {
    assertThat(d.withPresenceGrace(Duration.ZERO).presenceGrace()).isZero();
    assertThat(d.withTypingThrottle(Duration.ZERO).typingThrottle()).isZero();
    assertThat(d.withReceiptInterval(Duration.ZERO).receiptInterval()).isZero();
    assertThatThrownBy(() -> d.withPresenceGrace(NEGATIVE)).hasMessageContaining("presenceGrace");
    assertThatThrownBy(() -> d.withTypingThrottle(NEGATIVE)).hasMessageContaining("typingThrottle");
    assertThatThrownBy(() -> d.withReceiptInterval(NEGATIVE))
        .hasMessageContaining("receiptInterval");
  }

  @Test
  void leaseAndTimeoutMustBePositive() {
    assertThatThrownBy(() -> d.withPresenceLease(Duration.ZERO))
        .hasMessageContaining("presenceLease");
    assertThatThrownBy(() -> d.withPresenceLease(NEGATIVE)).hasMessageContaining("presenceLease");
    assertThatThrownBy(() -> d.withTypingTimeout(Duration.ZERO))
        .hasMessageContaining("typingTimeout");
    assertThatThrownBy(() -> d.withTypingTimeout(NEGATIVE)).hasMessageContaining("typingTimeout");
    assertThat(d.withReadReceipts(false).readReceipts()).isFalse();
  }
}
