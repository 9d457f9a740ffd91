package io.chatstack.examples.bot;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.RoomSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot that sits in one room and answers commands (see {@link Commands}). Give it a connected
 * {@link ChatClient}; {@link #start()} joins the first room with the configured name, creating it
 * when there is none, and subscribes. Answers are sent from the client's listener thread without
 * blocking it. Thread-safe; closing the client stops the bot.
 */
public final class EchoBot {
  private static final Logger LOG = LoggerFactory.getLogger(EchoBot.class);
  private final ChatClient client;
  private final String roomName;

  public EchoBot(ChatClient client, String roomName) {
    this.client = client;
    this.roomName = roomName;
  }

  /** Joins (or creates) the room and starts answering; returns the room. */
  public RoomSummary start() {
    RoomSummary room =
        client.rooms().stream()
            .filter(r -> r.name().equals(roomName))
            .findFirst()
            .orElseGet(() -> client.createRoom(roomName));
    client.join(room.id());
    client.subscribe(
        room.id(),
        new RoomListener() {
          @Override
          public void onMessage(ChatSubscription subscription, ChatMessage message) {
            Commands.answer(message, client.userName())
                .ifPresent(answer -> reply(room.id(), answer));
          }
        });
    LOG.info(
        "Answering commands in room '{}' (id {}) as {}", roomName, room.id(), client.userName());
    return room;
  }

  private void reply(long roomId, String answer) {
    client
        .send(roomId, answer)
        .whenComplete(
            (stored, error) -> {
              if (error != null) {
                LOG.warn("Could not answer in room {}: {}", roomId, error.getMessage());
              }
            });
  }
}
