package io.chatstack.examples.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.core.RoomSummary;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bot in-process against a real ChatServer, talked to by a ChatClient user. */
class EchoBotIT {

  @Test
  void botJoinsTheRoomByNameAndAnswersCommands() throws Exception {
    try (ChatService service = ChatService.builder().build();
        ChatServer server =
            ChatServer.builder()
                .port(0)
                .chatService(service)
                .authenticator(new DevAuthenticator())
                .build()
                .start()) {
      Room general = service.createRoom("general", "admin");
      try (ChatClient botClient = ChatClient.builder().url(server.uri()).login("echo-bot").build();
          ChatClient user = ChatClient.builder().url(server.uri()).login("bob").build()) {
        botClient.connect();
        RoomSummary joined = new EchoBot(botClient, "general").start();
        assertThat(joined.id()).isEqualTo(general.id());

        user.connect();
        user.join(general.id());
        List<ChatMessage> fromBot = new CopyOnWriteArrayList<>();
        user.subscribe(
            general.id(),
            new RoomListener() {
              @Override
              public void onMessage(ChatSubscription s, ChatMessage m) {
                if (m.sender().equals("echo-bot")) {
                  fromBot.add(m);
                }
              }
            });
        user.send(general.id(), "just chatting").get();
        user.send(general.id(), "!echo hi").get();
        ChatMessage time = user.send(general.id(), "!time").get();
        user.send(general.id(), "!help").get();
        await().atMost(Duration.ofSeconds(30)).until(() -> fromBot.size() == 3);
        assertThat(fromBot)
            .extracting(ChatMessage::content)
            .containsExactly("hi", "Server time: " + time.timestamp(), Commands.HELP);
      }
    }
  }

  @Test
  void botCreatesTheRoomWhenMissing() {
    try (ChatService service = ChatService.builder().build();
        ChatServer server =
            ChatServer.builder()
                .port(0)
                .chatService(service)
                .authenticator(new DevAuthenticator())
                .build()
                .start();
        ChatClient botClient = ChatClient.builder().url(server.uri()).login("echo-bot").build()) {
      botClient.connect();
      RoomSummary room = new EchoBot(botClient, "bots").start();
      assertThat(room.name()).isEqualTo("bots");
      assertThat(service.room(room.id()).participants()).containsExactly("echo-bot");
    }
  }
}
