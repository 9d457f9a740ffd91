package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeartbeatTest {

  @Test
  void eachDirectionUsesTheLargerIntervalOrIsOffWhenEitherSideSaysZero() {
    assertThat(Heartbeat.negotiate("4000,20000", 10_000, 10_000))
        .isEqualTo(new Heartbeat(20_000, 10_000));
    assertThat(Heartbeat.negotiate("0,5000", 10_000, 10_000)).isEqualTo(new Heartbeat(10_000, 0));
    assertThat(Heartbeat.negotiate("5000,0", 10_000, 10_000)).isEqualTo(new Heartbeat(0, 10_000));
    assertThat(Heartbeat.negotiate("5000,5000", 0, 0)).isEqualTo(new Heartbeat(0, 0));
    assertThat(Heartbeat.negotiate(null, 10_000, 10_000)).isEqualTo(new Heartbeat(0, 0));
  }

  @Test
  void malformedHeaderIsAProtocolError() {
    for (String bad : new String[] {"", "1", "1,2,3", "-1,0", "a,b", "1 ,2", "9999999999,0"}) {
      assertThatThrownBy(() -> Heartbeat.negotiate(bad, 1, 1))
          .as(bad)
          .isInstanceOf(StompProtocolException.class)
          .hasMessageContaining("heart-beat");
    }
  }

  @Test
  void aClientNegotiatesLenientlyAndAllowsTwiceTheIntervalAndASecond() {
    assertThat(Heartbeat.negotiateLeniently("10000,5000", 2000, 2000))
        .isEqualTo(new Heartbeat(5000, 10_000));
    assertThat(Heartbeat.negotiateLeniently("1 ,2", 1, 1)).isEqualTo(new Heartbeat(2, 1));
    for (String bad : new String[] {"", "1", "1,2,3", "a,b"}) {
      assertThat(Heartbeat.negotiateLeniently(bad, 1000, 1000)).as(bad).isEqualTo(Heartbeat.OFF);
    }
    assertThat(Heartbeat.negotiateLeniently(null, 1000, 1000)).isEqualTo(Heartbeat.OFF);
    assertThat(Heartbeat.negotiateLeniently("-5,1000", 1000, 1000))
        .isEqualTo(new Heartbeat(1000, 0));
    assertThat(new Heartbeat(0, 10_000).silenceLimitMillis()).isEqualTo(21_000);
    assertThat(Heartbeat.OFF.silenceLimitMillis()).isZero();
    assertThat(Heartbeat.header(10_000, 0)).isEqualTo("10000,0");
  }
}
