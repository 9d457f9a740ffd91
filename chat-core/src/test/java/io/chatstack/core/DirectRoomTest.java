package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectRoomTest {

  @Test
  void theKeyOfTwoUsersIsTheSameWhicheverAsks() {
    assertThat(DirectRoom.key("alice", "bob")).isEqualTo("alice\nbob");
    assertThat(DirectRoom.key("bob", "alice")).isEqualTo("alice\nbob");
    assertThat(DirectRoom.key("bob", "bob")).isEqualTo("bob\nbob");
  }

  @Test
  void nullsAreRefused() {
    assertThatThrownBy(() -> DirectRoom.key(null, "bob")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> DirectRoom.key("alice", null))
        .isInstanceOf(NullPointerException.class);
  }
}
