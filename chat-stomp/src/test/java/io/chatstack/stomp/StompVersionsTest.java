package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StompVersionsTest {
  @Test
  void theHighestVersionBothSpeakIsChosen() {
    assertThat(StompVersions.negotiate("1.0,1.1,1.2")).isEqualTo("1.2");
    assertThat(StompVersions.negotiate(" 1.2 ")).isEqualTo("1.2");
    assertThat(StompVersions.negotiate("1.0, 1.1")).isEqualTo("1.1");
  }

  @Test
  void stomp10OnlyIsRefused() {
    for (String refused : new String[] {null, "1.0", "", "2.0,1.3"}) {
      assertThatThrownBy(() -> StompVersions.negotiate(refused))
          .as(String.valueOf(refused))
          .isInstanceOfSatisfying(
              StompProtocolException.class,
              e -> assertThat(e.code()).isEqualTo("unsupported-version"));
    }
  }
}
