package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compatibility kit for {@link RoomRepository}: every implementation passes it with a tiny
 * subclass. Tests only look at rooms they created, so a shared database is fine.
 */
public abstract class RoomRepositoryContract {

  /** The repository under test; may be shared across tests. */
  protected abstract RoomRepository repository();

  private Room create(String name, String creator) {
    return repository().create(name, creator, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void createAssignsUniquePositiveIdsAndMakesCreatorAParticipant() {
    Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
    Room a = repository().create("general", "alice", at);
    Room b = create("random", "bob");
    assertThat(a.id()).isPositive().isNotEqualTo(b.id());
    assertThat(a.name()).isEqualTo("general");
    assertThat(a.createdBy()).isEqualTo("alice");
    assertThat(a.createdAt()).isEqualTo(at);
    assertThat(a.participants()).containsExactly("alice");
    assertThat(repository().findById(a.id())).contains(a);
  }

  @Test
  void unknownRoomIsEmptyAndRejectsMembershipChanges() {
    long unknown = Long.MAX_VALUE - 7;
    assertThat(repository().findById(unknown)).isEmpty();
    assertThatThrownBy(() -> repository().addParticipant(unknown, "x"))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> repository().removeParticipant(unknown, "x"))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void findAllListsRoomsOrderedById() {
    Room a = create("one", "alice");
    Room b = create("two", "alice");
    List<Room> all = repository().findAll();
    assertThat(all).contains(a, b);
    assertThat(all.indexOf(a)).isLessThan(all.indexOf(b));
    assertThat(all).extracting(Room::id).isSorted();
  }

  @Test
  void joinAndLeaveAreIdempotent() {
    Room room = create("idem", "alice");
    assertThat(repository().addParticipant(room.id(), "bob")).isTrue();
    assertThat(repository().addParticipant(room.id(), "bob")).isFalse();
    assertThat(repository().findById(room.id()).orElseThrow().participants())
        .containsExactly("alice", "bob");
    assertThat(repository().removeParticipant(room.id(), "bob")).isTrue();
    assertThat(repository().removeParticipant(room.id(), "bob")).isFalse();
    assertThat(repository().findById(room.id()).orElseThrow().participants())
        .containsExactly("alice");
  }

  @Test
  void findByParticipantListsOnlyTheirRooms() {
    String user = "carol-" + System.nanoTime();
    Room a = create("a", user);
    Room b = create("b", "dave");
    Room c = create("c", "dave");
    repository().addParticipant(c.id(), user);
    assertThat(repository().findByParticipant(user))
        .containsExactly(a, repository().findById(c.id()).orElseThrow());
    assertThat(repository().findByParticipant(user)).doesNotContain(b);
  }

  @Test
  void removingTheLastParticipantKeepsAnEmptyRoomThatCanBeJoinedAgain() {
    Room room = create("lonely", "alice");
    repository().removeParticipant(room.id(), "alice");
    Room empty = repository().findById(room.id()).orElseThrow();
    assertThat(empty.participants()).isEmpty();
    assertThat(repository().findAll()).contains(empty);
    assertThat(repository().addParticipant(room.id(), "bob")).isTrue();
  }

  @Test
  void metacharactersAreStoredVerbatim() {
    String name = "'; DROP TABLE rooms; -- {\"$gt\": \"\"} \\ % _ ` \" 😀 ünïcødé";
    String user = "o'brien\"; --{$ne:1}";
    Room room = create(name, user);
    Room read = repository().findById(room.id()).orElseThrow();
    assertThat(read.name()).isEqualTo(name);
    assertThat(read.createdBy()).isEqualTo(user);
    assertThat(read.participants()).containsExactly(user);
    assertThat(repository().findByParticipant(user)).contains(read);
  }

  @Test
  void concurrentJoinsAndLeavesLeaveAConsistentParticipantSet() throws Exception {
    Room room = create("busy", "owner");
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String user = "user-" + t;
      boolean stays = t % 2 == 0;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                  repository().addParticipant(room.id(), user);
                  repository().removeParticipant(room.id(), user);
                }
                if (stays) {
                  repository().addParticipant(room.id(), user);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<String> expected = new ArrayList<>(List.of("owner"));
    for (int t = 0; t < threads; t += 2) {
      expected.add("user-" + t);
    }
    assertThat(repository().findById(room.id()).orElseThrow().participants())
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
