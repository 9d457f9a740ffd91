package io.chatstack.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.InvalidInputException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepositoryContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The port contract plus what is specific to the SQL store; one subclass per database. */
abstract class JdbiRoomRepositoryChecks extends RoomRepositoryContract {

  @Test
  void createdAtKeepsMicrosecondsInUtc() {
    Instant at = Instant.parse("2026-03-29T01:30:00.123456789Z");
    Room room = repository().create("dst", "alice", at);
    Instant expected = Instant.parse("2026-03-29T01:30:00.123456Z");
    assertThat(room.createdAt()).isEqualTo(expected);
    assertThat(repository().findById(room.id()).orElseThrow().createdAt()).isEqualTo(expected);
  }

  @Test
  void aNameLongerThanTheColumnIsRejectedAndNothingIsStored() {
    String creator = "too-long-" + System.nanoTime();
    assertThatThrownBy(() -> repository().create("x".repeat(256), creator, Instant.now()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("longer than its column allows");
    assertThat(repository().findByParticipant(creator)).isEmpty();
  }

  @Test
  void userNamesAreCaseSensitive() {
    Room room = repository().create("case", "Alice", Instant.now());
    assertThat(repository().addParticipant(room.id(), "alice")).isTrue();
    assertThat(repository().findById(room.id()).orElseThrow().participants())
        .containsExactly("Alice", "alice");
  }
}
