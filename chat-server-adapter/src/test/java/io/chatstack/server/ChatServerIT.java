package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatServerIT {
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void twoClientsChatAndSeeJoinAndLeave() throws Exception {
    try (RawStompClient alice = RawStompClient.connected(fixture.uri(), "alice");
        RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob")) {
      alice.send(
          frame(
              "SEND",
              "{\"roomName\":\"it-room\"}",
              "destination",
              "/app/chat/rooms",
              "receipt",
              "c"));
      String roomId = alice.awaitReceipt("c").header("room-id");
      alice.send(
          frame(
              "SUBSCRIBE", "", "id", "a", "destination", "/topic/chat/" + roomId, "receipt", "s"));
      alice.awaitReceipt("s");
      bob.send(frame("SEND", "", "destination", "/app/chat/join/" + roomId, "receipt", "j"));
      bob.awaitReceipt("j");
      bob.send(
          frame(
              "SEND",
              "{\"content\":\"hi alice\"}",
              "destination",
              "/app/chat/send/" + roomId,
              "receipt",
              "m"));
      TestFrame receipt = bob.awaitReceipt("m");
      bob.send(
          frame(
              "SEND",
              "{\"type\":\"LEAVE\"}",
              "destination",
              "/app/chat/send/" + roomId,
              "receipt",
              "l"));
      bob.awaitReceipt("l");

      alice.await(f -> f.body().contains("\"LEAVE\""));
      var received =
          alice.messages().stream()
              .map(f -> ChatJson.fromJson(f.body(), ChatMessage.class))
              .toList();
      assertThat(received)
          .extracting(ChatMessage::type, ChatMessage::sender)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(MessageType.JOIN, "bob"),
              org.assertj.core.groups.Tuple.tuple(MessageType.CHAT, "bob"),
              org.assertj.core.groups.Tuple.tuple(MessageType.LEAVE, "bob"));
      assertThat(received.get(1).id()).isEqualTo(receipt.header("message-id"));
      assertThat(Long.toString(received.get(1).seq())).isEqualTo(receipt.header("seq"));
    }
  }

  @Test
  void roomListChangesArePushed() throws Exception {
    try (RawStompClient carol = RawStompClient.connected(fixture.uri(), "carol")) {
      carol.send(frame("SUBSCRIBE", "", "id", "r", "destination", "/topic/rooms", "receipt", "s"));
      carol.awaitReceipt("s");
      Room room = fixture.service.createRoom("announced", "dave");

      TestFrame event =
          carol.await(f -> f.command().equals("MESSAGE") && f.body().contains("announced"));
      assertThat(event.header("destination")).isEqualTo("/topic/rooms");
      assertThat(event.body()).contains("\"kind\":\"CREATED\"").contains("\"id\":" + room.id());
    }
  }

  @Test
  void disconnectWithReceipt() throws Exception {
    try (RawStompClient erin = RawStompClient.connected(fixture.uri(), "erin")) {
      erin.send(frame("DISCONNECT", "", "receipt", "bye"));
      erin.awaitReceipt("bye");
      erin.awaitClosed();
      assertThat(erin.closeReason.getCloseCode().getCode()).isEqualTo(1000);
    }
  }
}
