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
 *
 * <p>Use it like {@link MessageStoreContract}: depend on chat-core's test-jar and override {@link
 * #repository()} in a subclass.
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
    List<RoomSummary> all = repository().findAll();
    assertThat(all).contains(a.summary(), b.summary());
    assertThat(all.indexOf(a.summary())).isLessThan(all.indexOf(b.summary()));
    assertThat(all).extracting(RoomSummary::id).isSorted();
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
        .containsExactly(a.summary(), repository().findById(c.id()).orElseThrow().summary());
    assertThat(repository().findByParticipant(user)).doesNotContain(b.summary());
  }

  @Test
  void removingTheLastParticipantKeepsAnEmptyRoomThatCanBeJoinedAgain() {
    Room room = create("lonely", "alice");
    repository().removeParticipant(room.id(), "alice");
    Room empty = repository().findById(room.id()).orElseThrow();
    assertThat(empty.participants()).isEmpty();
    assertThat(repository().findAll()).contains(empty.summary());
    assertThat(empty.summary().participantCount()).isZero();
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
    assertThat(repository().findByParticipant(user)).contains(read.summary());
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

  @Test
  void privateRoomsAreListedOnlyForTheirParticipants() {
    String alice = "alice-" + System.nanoTime();
    String bob = "bob-" + System.nanoTime();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Room open = repository().create("open", alice, at, RoomVisibility.PUBLIC);
    Room secret = repository().create("secret", alice, at, RoomVisibility.PRIVATE);
    assertThat(secret.visibility()).isEqualTo(RoomVisibility.PRIVATE);
    assertThat(repository().findById(secret.id()).orElseThrow().visibility())
        .isEqualTo(RoomVisibility.PRIVATE);
    assertThat(repository().findVisibleTo(alice)).contains(open.summary(), secret.summary());
    assertThat(repository().findVisibleTo(bob))
        .contains(open.summary())
        .extracting(RoomSummary::id)
        .doesNotContain(secret.id());
    repository().addParticipant(secret.id(), bob);
    assertThat(repository().findVisibleTo(bob)).extracting(RoomSummary::id).contains(secret.id());
    assertThatThrownBy(() -> repository().create("x", alice, at, RoomVisibility.DIRECT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summariesCountParticipantsWithoutListingThem() {
    Room room = create("counted", "alice");
    repository().addParticipant(room.id(), "bob");
    repository().addParticipant(room.id(), "carol");
    RoomSummary summary = repository().findSummary(room.id()).orElseThrow();
    assertThat(summary.participantCount()).isEqualTo(3);
    assertThat(summary.name()).isEqualTo("counted");
    assertThat(summary.visibility()).isEqualTo(RoomVisibility.PUBLIC);
    assertThat(repository().findSummary(Long.MAX_VALUE - 3)).isEmpty();
  }

  @Test
  void isParticipantAnswersForOneUserAndFollowsJoinsAndLeaves() {
    Room room = create("member check", "alice");
    assertThat(repository().isParticipant(room.id(), "alice")).isTrue();
    assertThat(repository().isParticipant(room.id(), "bob")).isFalse();
    repository().addParticipant(room.id(), "bob");
    assertThat(repository().isParticipant(room.id(), "bob")).isTrue();
    assertThat(repository().isParticipant(room.id(), "Bob")).isFalse();
    repository().removeParticipant(room.id(), "bob");
    assertThat(repository().isParticipant(room.id(), "bob")).isFalse();
    assertThat(repository().isParticipant(Long.MAX_VALUE - 5, "alice")).isFalse();
    repository().delete(room.id());
    assertThat(repository().isParticipant(room.id(), "alice")).isFalse();
  }

  @Test
  void participantsArePagedInNameOrder() {
    Room room = create("paged", "m00");
    for (int i = 1; i < 25; i++) {
      repository().addParticipant(room.id(), String.format("m%02d", i));
    }
    List<String> first = repository().participants(room.id(), "", 10);
    assertThat(first).hasSize(10).isSorted().startsWith("m00");
    List<String> second = repository().participants(room.id(), first.get(9), 10);
    assertThat(second).hasSize(10).startsWith("m10");
    assertThat(repository().participants(room.id(), second.get(9), 10)).hasSize(5).endsWith("m24");
    assertThat(repository().participants(room.id(), "m24", 10)).isEmpty();
    assertThatThrownBy(() -> repository().participants(Long.MAX_VALUE - 5, "", 10))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void aDirectRoomIsTheSameForEitherOrderAndHoldsBothUsers() {
    String a = "ann-" + System.nanoTime();
    String b = "ben-" + System.nanoTime();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    DirectRoom first = repository().findOrCreateDirect(a, b, a + " & " + b, at);
    assertThat(first.created()).isTrue();
    assertThat(first.room().visibility()).isEqualTo(RoomVisibility.DIRECT);
    assertThat(first.room().participants()).containsExactlyInAnyOrder(a, b);
    DirectRoom again = repository().findOrCreateDirect(b, a, "other name", at);
    assertThat(again.created()).isFalse();
    assertThat(again.room()).isEqualTo(first.room());
    assertThat(repository().findVisibleTo("someone-else-" + System.nanoTime()))
        .extracting(RoomSummary::id)
        .doesNotContain(first.room().id());
    assertThat(repository().findByParticipant(b))
        .extracting(RoomSummary::id)
        .containsExactly(first.room().id());
  }

  @Test
  void concurrentDirectRoomRequestsCreateExactlyOneRoom() throws Exception {
    String a = "cat-" + System.nanoTime();
    String b = "dan-" + System.nanoTime();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<DirectRoom>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean flip = t % 2 == 0;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return flip
                    ? repository().findOrCreateDirect(a, b, "dm", Instant.now())
                    : repository().findOrCreateDirect(b, a, "dm", Instant.now());
              }));
    }
    start.countDown();
    List<DirectRoom> answers = new ArrayList<>();
    for (Future<DirectRoom> f : futures) {
      answers.add(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(answers).extracting(d -> d.room().id()).containsOnly(answers.get(0).room().id());
    assertThat(answers).filteredOn(DirectRoom::created).hasSize(1);
    assertThat(repository().findById(answers.get(0).room().id()).orElseThrow().participants())
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void moderatorsAreKeptPerParticipantAndEndWithMembership() {
    Room room = create("mods", "alice");
    repository().addParticipant(room.id(), "bob");
    repository().addParticipant(room.id(), "carol");
    assertThat(repository().setModerator(room.id(), "bob", true)).isTrue();
    assertThat(repository().setModerator(room.id(), "dave", true)).isFalse();

    Room read = repository().findById(room.id()).orElseThrow();
    assertThat(read.moderators()).containsExactly("bob");
    assertThat(read.role("alice")).contains(RoomRole.OWNER);
    assertThat(read.role("bob")).contains(RoomRole.MODERATOR);
    assertThat(read.role("carol")).contains(RoomRole.MEMBER);
    assertThat(read.role("dave")).isEmpty();
    assertThat(repository().participantPage(room.id(), "", 10))
        .containsExactly(
            new Participant("alice", RoomRole.OWNER),
            new Participant("bob", RoomRole.MODERATOR),
            new Participant("carol", RoomRole.MEMBER));
    assertThat(repository().participantPage(room.id(), "alice", 1))
        .containsExactly(new Participant("bob", RoomRole.MODERATOR));

    repository().removeParticipant(room.id(), "bob");
    repository().addParticipant(room.id(), "bob");
    assertThat(repository().findById(room.id()).orElseThrow().role("bob"))
        .contains(RoomRole.MEMBER);
    assertThat(repository().setModerator(room.id(), "carol", true)).isTrue();
    assertThat(repository().setModerator(room.id(), "carol", false)).isTrue();
    assertThat(repository().findById(room.id()).orElseThrow().moderators()).isEmpty();
  }

  @Test
  void restrictionsAreStoredReplacedAndLifted() {
    Room room = create("bans", "alice");
    Instant until = Instant.parse("2031-01-02T03:04:05.123456Z");
    Restriction ban =
        new Restriction(Restriction.Kind.BAN, "bob", java.util.Optional.of(until), "alice", "spam");
    Restriction mute =
        new Restriction(Restriction.Kind.MUTE, "bob", java.util.Optional.empty(), "alice", "");
    repository().restrict(room.id(), ban);
    repository().restrict(room.id(), mute);

    Room read = repository().findById(room.id()).orElseThrow();
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(read.bannedAt("bob", now)).contains(ban);
    assertThat(read.mutedAt("bob", now)).contains(mute);
    assertThat(read.bannedAt("bob", until)).isEmpty();
    assertThat(read.bannedAt("carol", now)).isEmpty();

    Restriction shorter =
        new Restriction(
            Restriction.Kind.BAN, "bob", java.util.Optional.of(now), "carol", "replaced");
    repository().restrict(room.id(), shorter);
    assertThat(repository().findById(room.id()).orElseThrow().restrictions().get("bob"))
        .containsEntry(Restriction.Kind.BAN, shorter);

    assertThat(repository().lift(room.id(), "bob", Restriction.Kind.BAN)).isTrue();
    assertThat(repository().lift(room.id(), "bob", Restriction.Kind.BAN)).isFalse();
    Room lifted = repository().findById(room.id()).orElseThrow();
    assertThat(lifted.bannedAt("bob", now)).isEmpty();
    assertThat(lifted.mutedAt("bob", now)).contains(mute);
    assertThatThrownBy(() -> repository().lift(Long.MAX_VALUE - 3, "bob", Restriction.Kind.BAN))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void theLatestUntilModerationAcceptsIsStored() {
    // ChatService's moderation accepts an until up to the end of the year 9999 (SQL DATETIME).
    Room room = create("far-bans", "alice");
    Instant latest = Instant.parse("9999-12-31T23:59:59Z");
    Restriction ban =
        new Restriction(Restriction.Kind.BAN, "bob", java.util.Optional.of(latest), "alice", "");
    repository().restrict(room.id(), ban);
    Room read = repository().findById(room.id()).orElseThrow();
    assertThat(read.bannedAt("bob", Instant.parse("9999-12-31T00:00:00Z"))).contains(ban);
  }

  @Test
  void renameAndDelete() {
    Room room = create("before", "alice");
    repository().addParticipant(room.id(), "bob");
    repository()
        .restrict(
            room.id(),
            new Restriction(Restriction.Kind.BAN, "eve", java.util.Optional.empty(), "alice", ""));
    repository().rename(room.id(), "after");
    assertThat(repository().findById(room.id()).orElseThrow().name()).isEqualTo("after");
    assertThat(repository().findSummary(room.id()).orElseThrow().name()).isEqualTo("after");

    assertThat(repository().delete(room.id())).isTrue();
    assertThat(repository().delete(room.id())).isFalse();
    assertThat(repository().findById(room.id())).isEmpty();
    assertThat(repository().findByParticipant("bob")).noneMatch(r -> r.id() == room.id());
    assertThat(repository().findAll()).noneMatch(r -> r.id() == room.id());
    assertThatThrownBy(() -> repository().rename(room.id(), "x"))
        .isInstanceOf(RoomNotFoundException.class);
  }
}
