package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CommandTest {

  @Test
  void onlyConnectAndItsAliasStompOpenAConnection() {
    assertThat(EnumSet.allOf(Command.class).stream().filter(Command::isConnect))
        .containsExactlyInAnyOrder(Command.CONNECT, Command.STOMP);
  }

  @Test
  void eachCommandIsSentByExactlyOneSide() {
    assertThat(EnumSet.allOf(Command.class).stream().filter(Command::isServerCommand))
        .containsExactlyInAnyOrder(
            Command.CONNECTED, Command.MESSAGE, Command.RECEIPT, Command.ERROR);
    for (Command command : Command.values()) {
      assertThat(command.isClientCommand())
          .as(command.name())
          .isNotEqualTo(command.isServerCommand());
    }
  }
}
