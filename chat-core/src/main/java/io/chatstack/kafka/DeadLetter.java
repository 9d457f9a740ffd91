package io.chatstack.kafka;

import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One record of the dead-letter topic ({@link KafkaChatConfig#deadLettersTopic()}): the records of
 * one room that a {@link io.chatstack.core.PersistListener} still failed on after its last attempt.
 * The record's key is the room id as decimal text, its value this object as {@link ChatJson}.
 * Re-drive by reading the topic and calling the listener again with {@link #messages()} (see {@code
 * docs/after-persist.md}). Immutable.
 *
 * @param listener class name of the listener that failed
 * @param error the last exception, as {@code Throwable.toString()}
 * @param attempts how many times the listener was called for the batch
 * @param nodeId the node whose persister gave up
 * @param deadLetteredAt when it gave up
 * @param roomId the room of the messages
 * @param messages the room's records of the batch, in seq order, with their seq
 */
public record DeadLetter(
    String listener,
    String error,
    int attempts,
    String nodeId,
    Instant deadLetteredAt,
    long roomId,
    List<ChatMessage> messages) {

  /** Copies {@code messages}; no component may be null. */
  public DeadLetter {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(deadLetteredAt, "deadLetteredAt");
    messages = List.copyOf(messages);
  }

  /**
   * Parses a dead-letter record's value.
   *
   * @throws io.chatstack.core.InvalidInputException when it is not a dead letter's JSON
   */
  public static DeadLetter fromJson(byte[] value) {
    return ChatJson.fromJson(value, DeadLetter.class);
  }

  /** This dead letter as the JSON of the record value. */
  public byte[] toJson() {
    return ChatJson.toBytes(this);
  }
}
