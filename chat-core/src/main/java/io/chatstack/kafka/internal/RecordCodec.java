package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.RoomEvent;
import io.chatstack.json.ChatJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The record format: key = room id as decimal UTF-8 text, value = {@link ChatJson} of the message
 * (its seq field is -1: the seq is the record's offset, known only after the append). No headers,
 * so any language can read the topics. The partition of a room is Kafka's default murmur2 hash of
 * the key, so producers in other languages using the default partitioner agree. Thread-safe.
 */
public final class RecordCodec {
  private RecordCodec() {}

  /** The record key of a room. */
  public static byte[] key(long roomId) {
    return Long.toString(roomId).getBytes(StandardCharsets.UTF_8);
  }

  /** The partition a room's records go to. */
  public static int partition(long roomId, int partitions) {
    return Utils.toPositive(Utils.murmur2(key(roomId))) % partitions;
  }

  /** The record value of a message. */
  public static byte[] value(ChatMessage message) {
    return ChatJson.toBytes(message.withSeq(ChatMessage.UNASSIGNED_SEQ));
  }

  /**
   * The message of a record, with seq = offset. @throws io.chatstack.core.InvalidInputException
   * when malformed
   */
  public static ChatMessage message(ConsumerRecord<byte[], byte[]> record) {
    return ChatJson.fromJson(record.value(), ChatMessage.class).withSeq(record.offset());
  }

  /** The record value of a room event. */
  public static byte[] value(RoomEvent event) {
    return ChatJson.toBytes(event);
  }

  /** The room event of a record. @throws io.chatstack.core.InvalidInputException when malformed */
  public static RoomEvent event(ConsumerRecord<byte[], byte[]> record) {
    return ChatJson.fromJson(record.value(), RoomEvent.class);
  }
}
