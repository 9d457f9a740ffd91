package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.RoomEvent;
import io.chatstack.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * The record format: key = room id as decimal UTF-8 text, value = {@link ChatJson} of the message
 * (its seq field is -1: the seq is the record's offset, known only after the append). Message
 * records carry one header, {@value #CLIENT_MSG_ID_HEADER}: a UTF-8 copy of the value's {@code
 * clientMsgId}, so that a reader can skip the records of rooms it does not serve without parsing
 * their JSON (see {@link FanOut}). Readers never need it: a record without it (written by an older
 * version or another producer) is parsed. Any language can read the topics. The partition of a room
 * is Kafka's default murmur2 hash of the key, so producers in other languages using the default
 * partitioner agree. Thread-safe.
 */
public final class RecordCodec {
  /** Header holding the message's clientMsgId (UTF-8). */
  public static final String CLIENT_MSG_ID_HEADER = "chatstack.clientMsgId";

  /** What {@link #roomId} answers for a key that is not a decimal room id. */
  public static final long NO_ROOM = Long.MIN_VALUE;

  private RecordCodec() {}

  /** The record key of a room. */
  public static byte[] key(long roomId) {
    return Long.toString(roomId).getBytes(StandardCharsets.UTF_8);
  }

  /** The partition a room's records go to. */
  public static int partition(long roomId, int partitions) {
    return Utils.toPositive(Utils.murmur2(key(roomId))) % partitions;
  }

  /** The record of a message: key, value and the clientMsgId header. */
  public static ProducerRecord<byte[], byte[]> messageRecord(
      String topic, int partition, ChatMessage message) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CLIENT_MSG_ID_HEADER, message.clientMsgId().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, partition, key(message.roomId()), value(message), headers);
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

  /**
   * The message of a record, parsed when first asked (then kept); {@code null} when the record is
   * malformed. Holds the record's value, not the record.
   */
  public static Supplier<ChatMessage> lazyMessage(ConsumerRecord<byte[], byte[]> record) {
    byte[] value = record.value();
    long offset = record.offset();
    return new Supplier<>() {
      private ChatMessage parsed;
      private boolean done;

      @Override
      public synchronized ChatMessage get() {
        if (!done) {
          try {
            parsed = ChatJson.fromJson(value, ChatMessage.class).withSeq(offset);
          } catch (InvalidInputException e) {
            parsed = null;
          }
          done = true;
        }
        return parsed;
      }
    };
  }

  /**
   * The room id of a record's key without parsing its value, or {@link #NO_ROOM} when the key is
   * not a decimal number.
   */
  public static long roomId(ConsumerRecord<byte[], byte[]> record) {
    byte[] key = record.key();
    if (key == null || key.length == 0 || key.length > 20) {
      return NO_ROOM;
    }
    int i = 0;
    boolean negative = key[0] == '-';
    if (negative) {
      i = 1;
      if (key.length == 1) {
        return NO_ROOM;
      }
    }
    long value = 0;
    for (; i < key.length; i++) {
      int digit = key[i] - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        return NO_ROOM;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  /** The clientMsgId header of a record, or {@code null} when it has none. */
  public static String clientMsgId(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(CLIENT_MSG_ID_HEADER);
    return header == null || header.value() == null || header.value().length == 0
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
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
