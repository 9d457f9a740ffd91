package io.chatstack.kafka.internal;

import static io.chatstack.core.TestMessages.draft;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The record format's cheap parts: room id from the key, clientMsgId from the header. */
class RecordCodecTest {

  private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> sent) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(sent.topic(), sent.partition(), 42, sent.key(), sent.value());
    for (Header h : sent.headers()) {
      record.headers().add(h);
    }
    return record;
  }

  private static ConsumerRecord<byte[], byte[]> withKey(String key) {
    return new ConsumerRecord<>(
        "t", 0, 1, key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  @Test
  void aMessageRecordCarriesItsRoomInTheKeyAndItsClientMsgIdInAHeader() {
    ChatMessage m = draft(1234567, "alice", "hi", "client-7");
    ConsumerRecord<byte[], byte[]> record = consumed(RecordCodec.messageRecord("t", 2, m));
    assertThat(RecordCodec.roomId(record)).isEqualTo(1234567);
    assertThat(RecordCodec.clientMsgId(record)).isEqualTo("client-7");
    ChatMessage parsed = RecordCodec.message(record);
    assertThat(parsed.seq()).isEqualTo(42);
    assertThat(parsed.clientMsgId()).isEqualTo("client-7");
    assertThat(parsed.content()).isEqualTo("hi");
  }

  @Test
  void keysThatAreNotDecimalRoomIdsAreRecognised() {
    assertThat(RecordCodec.roomId(withKey("0"))).isZero();
    assertThat(RecordCodec.roomId(withKey("-17"))).isEqualTo(-17);
    assertThat(RecordCodec.roomId(withKey(Long.toString(Long.MAX_VALUE))))
        .isEqualTo(Long.MAX_VALUE);
    for (String bad : new String[] {null, "", "-", "12a", " 1", "1.5", "9223372036854775808"}) {
      assertThat(RecordCodec.roomId(withKey(bad))).as(bad).isEqualTo(RecordCodec.NO_ROOM);
    }
  }

  @Test
  void aRecordWithoutTheHeaderHasNoClientMsgId() {
    assertThat(RecordCodec.clientMsgId(withKey("1"))).isNull();
    ConsumerRecord<byte[], byte[]> empty = withKey("1");
    empty.headers().add(RecordCodec.CLIENT_MSG_ID_HEADER, new byte[0]);
    assertThat(RecordCodec.clientMsgId(empty)).isNull();
  }

  @Test
  void aLazyMessageIsParsedOnceAndIsNullWhenMalformed() {
    ChatMessage m = draft(5, "alice", "hi", "c");
    Supplier<ChatMessage> lazy =
        RecordCodec.lazyMessage(consumed(RecordCodec.messageRecord("t", 0, m)));
    ChatMessage first = lazy.get();
    assertThat(first.content()).isEqualTo("hi");
    assertThat(first.seq()).isEqualTo(42);
    assertThat(lazy.get()).isSameAs(first);
    ConsumerRecord<byte[], byte[]> broken =
        new ConsumerRecord<>("t", 0, 3, "5".getBytes(StandardCharsets.UTF_8), "{".getBytes());
    assertThat(RecordCodec.lazyMessage(broken).get()).isNull();
  }
}
