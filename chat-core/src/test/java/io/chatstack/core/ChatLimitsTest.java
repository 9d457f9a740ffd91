package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChatLimitsTest {

  @Test
  void everyLimitMayBeAsSmallAsOne() {
    ChatLimits smallest = new ChatLimits(1, 1, 1, 1);
    assertThat(smallest.maxRoomNameLength()).isEqualTo(1);
    assertThat(smallest.maxUsernameLength()).isEqualTo(1);
    assertThat(smallest.maxContentLength()).isEqualTo(1);
    assertThat(smallest.maxClientMsgIdLength()).isEqualTo(1);
  }

  @Test
  void aLimitBelowOneIsRefusedWhicheverItIs() {
    assertThatThrownBy(() -> new ChatLimits(0, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new ChatLimits(1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChatLimits(1, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChatLimits(1, 1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesChangeOnlyTheirOwnLimit() {
    assertThat(ChatLimits.DEFAULTS).isEqualTo(new ChatLimits(100, 64, 4000, 64));
    assertThat(ChatLimits.DEFAULTS.withMaxContentLength(7))
        .isEqualTo(new ChatLimits(100, 64, 7, 64));
    assertThat(ChatLimits.DEFAULTS.withMaxRoomNameLength(9))
        .isEqualTo(new ChatLimits(9, 64, 4000, 64));
    assertThatThrownBy(() -> ChatLimits.DEFAULTS.withMaxRoomNameLength(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
