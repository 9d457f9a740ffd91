package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameLimitsTest {

  @Test
  void everyLimitMayBeOneAndABodyMayFillTheFrame() {
    assertThat(new FrameLimits(1, 1, 1, 1).maxBodyBytes()).isEqualTo(1);
    assertThat(new FrameLimits(100, 100, 3, 9).maxBodyBytes()).isEqualTo(100);
  }

  @Test
  void aLimitBelowOneOrABodyLargerThanTheFrameIsRefused() {
    assertThatThrownBy(() -> new FrameLimits(0, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameLimits(10, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameLimits(10, 11, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 1 <= maxBodyBytes <= maxFrameBytes, was 11, 10");
    assertThatThrownBy(() -> new FrameLimits(10, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxHeaders >= 1");
    assertThatThrownBy(() -> new FrameLimits(10, 10, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientLimitsOnlyTheFrameSize() {
    assertThat(FrameLimits.frameSizeOnly(4096))
        .isEqualTo(new FrameLimits(4096, 4096, Integer.MAX_VALUE, Integer.MAX_VALUE));
    assertThat(FrameLimits.DEFAULTS).isEqualTo(new FrameLimits(65536, 16384, 32, 1024));
  }
}
