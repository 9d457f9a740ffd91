package io.chatstack.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pure logic behind the fan-out: offset waiters, partitioning (its duplicate detection is {@code
 * ClientMsgIdsTest}'s).
 */
class FanOutStateTest {

  @Test
  void waitersRunOnceTheirOffsetWasProcessed() {
    OffsetWaiters waiters = new OffsetWaiters(Map.of(0, 10L), 2);
    List<String> ran = new ArrayList<>();
    waiters.whenProcessed(0, 9, () -> ran.add("already read"));
    waiters.whenProcessed(0, 12, () -> ran.add("12"));
    waiters.whenProcessed(0, 10, () -> ran.add("10"));
    waiters.whenProcessed(1, 0, () -> ran.add("p1"));
    assertThat(ran).containsExactly("already read");
    waiters.advance(0, 11);
    assertThat(ran).containsExactly("already read", "10");
    waiters.advance(0, 11);
    waiters.close();
    assertThat(ran).containsExactlyInAnyOrder("already read", "10", "12", "p1");
  }

  @Test
  void aRoomAlwaysMapsToTheSamePartitionLikeKafkasDefaultPartitioner() {
    assertThat(RecordCodec.partition(42, 3))
        .isEqualTo(RecordCodec.partition(42, 3))
        .isBetween(0, 2);
    assertThat(new String(RecordCodec.key(42), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("42");
    // Kafka's BuiltInPartitioner uses murmur2 of the key bytes, positive, modulo the partition
    // count.
    assertThat(RecordCodec.partition(42, 3))
        .isEqualTo(
            org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                RecordCodec.key(42), 3));
  }
}
