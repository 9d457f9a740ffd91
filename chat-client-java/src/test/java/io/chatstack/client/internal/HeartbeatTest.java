package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeartbeatTest {
  @Test
  void negotiatesTheLargerIntervalPerDirection() {
    Heartbeat hb = Heartbeat.negotiate(10_000, "5000,20000");
    assertThat(hb.sendEveryMillis()).isEqualTo(20_000);
    assertThat(hb.expectEveryMillis()).isEqualTo(10_000);
    assertThat(hb.silenceLimitMillis()).isEqualTo(21_000);
  }

  @Test
  void zeroOnEitherSideDisablesThatDirection() {
    assertThat(Heartbeat.negotiate(0, "5000,5000")).isEqualTo(new Heartbeat(0, 0));
    assertThat(Heartbeat.negotiate(1000, "0,5000")).isEqualTo(new Heartbeat(5000, 0));
    assertThat(Heartbeat.negotiate(1000, null)).isEqualTo(new Heartbeat(0, 0));
    assertThat(Heartbeat.negotiate(1000, "x,y")).isEqualTo(new Heartbeat(0, 0));
    assertThat(new Heartbeat(1000, 0).silenceLimitMillis()).isZero();
  }
}
