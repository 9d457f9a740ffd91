package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.internal.TestClock;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Roles and moderation through {@link ChatService#moderation()}: the role rules, the SYSTEM message
 * of each action, ban and mute enforcement (with a controllable clock for {@code until}), and that
 * a refused or failed action changes nothing.
 */
class ChatServiceModerationTest {
  private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

  private final TestClock clock = new TestClock(START);
  private final SwitchableStore store = new SwitchableStore();
  private final InMemoryRoomRepository repository = new InMemoryRoomRepository();
  private final ChatService chat =
      ChatService.builder()
          .roomRepository(repository)
          .messageBus(new InMemoryMessageBus(store))
          .roomCacheTtl(Duration.ofHours(1))
          .clock(clock)
          .build();
  private final Moderation moderation = chat.moderation();
  private final Room room = chat.createRoom("general", "owner");

  ChatServiceModerationTest() {
    for (String user : List.of("mod", "bob", "carol")) {
      chat.join(room.id(), user);
    }
    moderation.setRole(room.id(), "owner", "mod", RoomRole.MODERATOR);
  }

  @AfterEach
  void close() {
    chat.close();
  }

  private static ModerationRequest request(ModerationAction action, String user) {
    return ModerationRequest.of(action, user);
  }

  private List<ChatMessage> history() {
    return chat.history(room.id(), Long.MAX_VALUE, 100).messages();
  }

  private ChatMessage last() {
    List<ChatMessage> h = history();
    return h.get(h.size() - 1);
  }

  @Test
  void rolesFollowTheOwnerAndTheModerators() {
    Room now = chat.room(room.id());
    assertThat(now.role("owner")).contains(RoomRole.OWNER);
    assertThat(now.role("mod")).contains(RoomRole.MODERATOR);
    assertThat(now.role("bob")).contains(RoomRole.MEMBER);
    assertThat(chat.participantPage(room.id(), "", 10))
        .extracting(Participant::username, Participant::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", RoomRole.MEMBER),
            org.assertj.core.groups.Tuple.tuple("carol", RoomRole.MEMBER),
            org.assertj.core.groups.Tuple.tuple("mod", RoomRole.MODERATOR),
            org.assertj.core.groups.Tuple.tuple("owner", RoomRole.OWNER));
    ChatMessage role = last();
    assertThat(role.type()).isEqualTo(MessageType.SYSTEM);
    assertThat(role.sender()).isEqualTo("owner");
    assertThat(role.content()).isEqualTo("mod was made a moderator by owner");
    assertThat(role.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("action", "role", "actor", "owner", "target", "mod", "role", "MODERATOR"));

    Room demoted = moderation.setRole(room.id(), "owner", "mod", RoomRole.MEMBER);
    assertThat(demoted.role("mod")).contains(RoomRole.MEMBER);
    assertThat(last().content()).isEqualTo("mod is no longer a moderator, by owner");
    assertThat(last().metadata()).containsEntry("role", "MEMBER");
    int before = history().size();
    assertThat(moderation.setRole(room.id(), "owner", "mod", RoomRole.MEMBER).role("mod"))
        .contains(RoomRole.MEMBER);
    assertThat(history()).hasSize(before);
  }

  @Test
  void onlyTheOwnerSetsRolesAndNeverToOwner() {
    assertRefused(() -> moderation.setRole(room.id(), "mod", "bob", RoomRole.MODERATOR));
    assertRefused(() -> moderation.setRole(room.id(), "bob", "carol", RoomRole.MODERATOR));
    assertRefused(() -> moderation.setRole(room.id(), "owner", "owner", RoomRole.MEMBER));
    assertThatThrownBy(() -> moderation.setRole(room.id(), "owner", "bob", RoomRole.OWNER))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-role");
    assertThatThrownBy(() -> moderation.setRole(room.id(), "owner", "bob", null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> moderation.setRole(room.id(), "owner", "zed", RoomRole.MODERATOR))
        .isInstanceOf(NotParticipantException.class);
    assertThat(chat.room(room.id()).moderators()).containsExactly("mod");
  }

  @Test
  void kickRemovesWithASystemMessageThatEndsTheTargetsMembership() {
    Room after =
        moderation.moderate(
            room.id(),
            "mod",
            new ModerationRequest(ModerationAction.KICK, "bob", Optional.empty(), " rude "));
    assertThat(after.hasParticipant("bob")).isFalse();
    ChatMessage kick = last();
    assertThat(kick.type()).isEqualTo(MessageType.SYSTEM);
    assertThat(kick.content()).isEqualTo("bob was removed by mod");
    assertThat(kick.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("action", "kick", "actor", "mod", "target", "bob", "reason", "rude"));
    assertThat(kick.endsMembershipOf("bob")).isTrue();
    assertThat(kick.endsMembershipOf("carol")).isFalse();
    assertThat(kick.endsMembershipOf("mod")).isFalse();

    int before = history().size();
    assertThat(moderation.moderate(room.id(), "mod", request(ModerationAction.KICK, "bob")))
        .isEqualTo(chat.room(room.id()));
    assertThat(history()).hasSize(before);
    assertThat(chat.join(room.id(), "bob").hasParticipant("bob")).isTrue();
  }

  @Test
  void aKickedModeratorLosesTheRole() {
    moderation.moderate(room.id(), "owner", request(ModerationAction.KICK, "mod"));
    assertThat(chat.join(room.id(), "mod").role("mod")).contains(RoomRole.MEMBER);
  }

  @Test
  void roleRulesForModerationActions() {
    assertRefused(
        () -> moderation.moderate(room.id(), "bob", request(ModerationAction.KICK, "carol")));
    assertRefused(
        () -> moderation.moderate(room.id(), "zed", request(ModerationAction.KICK, "carol")));
    assertRefused(
        () -> moderation.moderate(room.id(), "mod", request(ModerationAction.BAN, "owner")),
        "the room's owner");
    assertRefused(
        () -> moderation.moderate(room.id(), "mod", request(ModerationAction.MUTE, "mod")),
        "yourself");
    moderation.setRole(room.id(), "owner", "carol", RoomRole.MODERATOR);
    int before = history().size();
    assertRefused(
        () -> moderation.moderate(room.id(), "mod", request(ModerationAction.KICK, "carol")),
        "another moderator");
    assertRefused(() -> moderation.rename(room.id(), "bob", "mine"));
    assertRefused(() -> moderation.deleteRoom(room.id(), "mod"));
    assertRefused(() -> moderation.restrictions(room.id(), "bob"));
    assertThat(history()).hasSize(before);
    assertThat(chat.room(room.id()).participants()).containsExactly("bob", "carol", "mod", "owner");
    // The owner acts on moderators.
    assertThat(
            moderation
                .moderate(room.id(), "owner", request(ModerationAction.KICK, "carol"))
                .hasParticipant("carol"))
        .isFalse();
  }

  @Test
  void directRoomsAreNotModerated() {
    Room direct = chat.directRoom("bob", "carol").room();
    assertRefused(
        () -> moderation.moderate(direct.id(), "bob", request(ModerationAction.KICK, "carol")));
    assertRefused(() -> moderation.rename(direct.id(), "bob", "ours"));
    assertRefused(() -> moderation.deleteRoom(direct.id(), "bob"));
    assertThat(chat.room(direct.id()).role("bob")).contains(RoomRole.MEMBER);
  }

  @Test
  void aBanRemovesAndRefusesRejoiningUntilItEndsOrIsLifted() {
    Instant until = START.plus(Duration.ofHours(1));
    moderation.moderate(
        room.id(),
        "mod",
        new ModerationRequest(ModerationAction.BAN, "bob", Optional.of(until), ""));
    ChatMessage ban = last();
    assertThat(ban.content()).isEqualTo("bob was banned by mod until " + until);
    assertThat(ban.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("action", "ban", "actor", "mod", "target", "bob", "until", until.toString()));
    assertThat(ban.endsMembershipOf("bob")).isTrue();
    assertThat(chat.room(room.id()).hasParticipant("bob")).isFalse();

    assertThatThrownBy(() -> chat.join(room.id(), "bob"))
        .isInstanceOf(ActionRefusedException.class)
        .hasMessageContaining("until " + until)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ActionRefusedException.BANNED);
    assertThatThrownBy(() -> chat.join(room.id(), "bob", "carol"))
        .isInstanceOf(ActionRefusedException.class);
    assertThat(chat.room(room.id()).hasParticipant("bob")).isFalse();
    assertThat(moderation.restrictions(room.id(), "mod"))
        .extracting(Restriction::username, Restriction::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", Restriction.Kind.BAN));

    clock.advance(Duration.ofHours(1));
    assertThat(moderation.restrictions(room.id(), "owner")).isEmpty();
    assertThat(chat.join(room.id(), "bob").hasParticipant("bob")).isTrue();
  }

  @Test
  void unbanLiftsABanOfANonParticipant() {
    moderation.moderate(room.id(), "owner", request(ModerationAction.BAN, "eve"));
    assertThat(last().content()).isEqualTo("eve was banned by owner");
    assertThatThrownBy(() -> chat.join(room.id(), "eve"))
        .isInstanceOf(ActionRefusedException.class);
    moderation.moderate(room.id(), "mod", request(ModerationAction.UNBAN, "eve"));
    assertThat(last().content()).isEqualTo("eve was unbanned by mod");
    assertThat(last().metadata()).containsEntry("action", "unban").doesNotContainKey("until");
    int before = history().size();
    moderation.moderate(room.id(), "mod", request(ModerationAction.UNBAN, "eve"));
    assertThat(history()).hasSize(before);
    assertThat(chat.join(room.id(), "eve").hasParticipant("eve")).isTrue();
  }

  @Test
  void aMuteRefusesPostsUntilItEndsOrIsLifted() throws Exception {
    ChatMessage hello = chat.send(room.id(), "bob", "hello").get();
    moderation.moderate(
        room.id(),
        "mod",
        new ModerationRequest(
            ModerationAction.MUTE, "bob", Optional.of(START.plusSeconds(60)), "calm down"));
    assertThat(last().metadata())
        .containsEntry("action", "mute")
        .containsEntry("reason", "calm down")
        .containsEntry("until", START.plusSeconds(60).toString());
    assertThat(last().endsMembershipOf("bob")).isFalse();
    int before = history().size();

    assertMuted(() -> chat.send(room.id(), "bob", "again"));
    assertMuted(() -> chat.send(room.id(), "bob", "again", "k1", SendOptions.NONE, r -> true));
    assertMuted(
        () -> chat.messages().edit(room.id(), "bob", hello.id(), "edited", null, r -> true));
    assertMuted(() -> chat.messages().react(room.id(), "bob", hello.id(), "👍", true, r -> true));
    assertThat(history()).hasSize(before);
    // Deleting one's own message stays possible.
    chat.messages().delete(room.id(), "bob", hello.id(), r -> true).get();

    clock.advance(Duration.ofSeconds(60));
    assertThat(chat.send(room.id(), "bob", "free").get().content()).isEqualTo("free");

    moderation.moderate(room.id(), "mod", request(ModerationAction.MUTE, "bob"));
    assertMuted(() -> chat.send(room.id(), "bob", "again"));
    moderation.moderate(room.id(), "mod", request(ModerationAction.UNMUTE, "bob"));
    assertThat(last().content()).isEqualTo("bob was unmuted by mod");
    assertThat(chat.send(room.id(), "bob", "back").get().content()).isEqualTo("back");
  }

  @Test
  void banAndMuteNeedAFutureUntilAndAShortReason() {
    int before = history().size();
    // Not in the future; beyond what the room database's DATETIME holds (refused as input, not
    // failed as an outage).
    for (ModerationRequest tooEarlyOrLate :
        List.of(
            new ModerationRequest(ModerationAction.MUTE, "bob", Optional.of(START), ""),
            new ModerationRequest(
                ModerationAction.BAN,
                "bob",
                Optional.of(Instant.parse("+10000-01-01T00:00:00Z")),
                ""))) {
      assertThatThrownBy(() -> moderation.moderate(room.id(), "mod", tooEarlyOrLate))
          .extracting(e -> ((ChatException) e).code())
          .isEqualTo("invalid-until");
    }
    assertThatThrownBy(
            () ->
                moderation.moderate(
                    room.id(),
                    "mod",
                    new ModerationRequest(
                        ModerationAction.BAN, "bob", Optional.empty(), "x".repeat(501))))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-reason");
    assertThatThrownBy(
            () ->
                moderation.moderate(
                    room.id(),
                    "mod",
                    new ModerationRequest(
                        ModerationAction.BAN, "bob", Optional.empty(), "a\u0007")))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-reason");
    // A past until is accepted where it means nothing (kick).
    moderation.moderate(
        room.id(),
        "mod",
        new ModerationRequest(ModerationAction.KICK, "carol", Optional.of(START), "x".repeat(500)));
    assertThat(history()).hasSize(before + 1);
    assertThat(chat.room(room.id()).mutedAt("bob", START)).isEmpty();
  }

  @Test
  void moderatorsDeleteOtherUsersMessagesMembersDoNot() throws Exception {
    ChatMessage hello = chat.send(room.id(), "bob", "hello").get();
    assertThatThrownBy(() -> chat.messages().delete(room.id(), "carol", hello.id(), r -> true))
        .isInstanceOf(MessageChangeRefusedException.class);
    ChatMessage delete = chat.messages().delete(room.id(), "mod", hello.id(), r -> true).get();
    assertThat(delete.sender()).isEqualTo("mod");
    assertThat(chat.history(room.id(), Long.MAX_VALUE, 100).messages())
        .filteredOn(m -> m.id().equals(hello.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.deleted()).isTrue());
    ChatMessage join = history().get(0);
    assertThatThrownBy(() -> chat.messages().delete(room.id(), "owner", join.id(), r -> true))
        .isInstanceOf(MessageChangeRefusedException.class);
    assertThatThrownBy(() -> chat.messages().delete(room.id(), "owner", hello.id(), r -> true))
        .isInstanceOf(MessageChangeRefusedException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(MessageChangeRefusedException.MESSAGE_DELETED);
  }

  @Test
  void aBanThatLandsBetweenAJoinsCheckAndItsInsertUndoesTheJoin() {
    // The repository runs a whole ban (restriction, then removal of a non-participant: nothing)
    // just before the join's insert, as a ban on another node could.
    RoomRepository racing =
        (RoomRepository)
            java.lang.reflect.Proxy.newProxyInstance(
                RoomRepository.class.getClassLoader(),
                new Class<?>[] {RoomRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("addParticipant") && "eve".equals(args[1])) {
                    long roomId = (long) args[0];
                    repository.restrict(
                        roomId,
                        new Restriction(Restriction.Kind.BAN, "eve", Optional.empty(), "mod", ""));
                    repository.removeParticipant(roomId, "eve");
                  }
                  try {
                    return method.invoke(repository, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (ChatService racingChat =
        ChatService.builder()
            .roomRepository(racing)
            .messageBus(new InMemoryMessageBus(store))
            .clock(clock)
            .build()) {
      int before = racingChat.history(room.id(), Long.MAX_VALUE, 100).messages().size();
      assertThatThrownBy(() -> racingChat.join(room.id(), "eve"))
          .isInstanceOf(ActionRefusedException.class)
          .extracting(e -> ((ChatException) e).code())
          .isEqualTo(ActionRefusedException.BANNED);
      assertThat(racingChat.room(room.id()).hasParticipant("eve")).isFalse();
      assertThat(racingChat.history(room.id(), Long.MAX_VALUE, 100).messages()).hasSize(before);
    }
  }

  @Test
  void aModeratorDeletesMembersMessagesOnlyTheOwnerAlsoModerators() throws Exception {
    moderation.setRole(room.id(), "owner", "carol", RoomRole.MODERATOR);
    ChatMessage owners = chat.send(room.id(), "owner", "from the owner").get();
    ChatMessage carols = chat.send(room.id(), "carol", "from a moderator").get();
    int before = history().size();
    for (ChatMessage target : List.of(owners, carols)) {
      assertThatThrownBy(() -> chat.messages().delete(room.id(), "mod", target.id(), r -> true))
          .isInstanceOf(MessageChangeRefusedException.class)
          .extracting(e -> ((ChatException) e).code())
          .isEqualTo(MessageChangeRefusedException.NOT_MESSAGE_SENDER);
    }
    assertThat(history()).hasSize(before);
    assertThat(chat.messages().delete(room.id(), "owner", carols.id(), r -> true).get().sender())
        .isEqualTo("owner");
    // A role taken away is not honoured, even by a room cache that has not heard of it yet.
    repository.setModerator(room.id(), "mod", false);
    ChatMessage bobs = chat.send(room.id(), "bob", "from a member").get();
    assertThatThrownBy(() -> chat.messages().delete(room.id(), "mod", bobs.id(), r -> true))
        .isInstanceOf(MessageChangeRefusedException.class);
  }

  @Test
  void renameChangesTheNameWithASystemMessage() {
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    chat.subscribeRooms(events::add);
    Room renamed = moderation.rename(room.id(), "mod", "lounge");
    assertThat(renamed.name()).isEqualTo("lounge");
    assertThat(chat.cachedRoom(room.id()).name()).isEqualTo("lounge");
    assertThat(last().content()).isEqualTo("mod renamed the room to lounge");
    assertThat(last().metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "action", "rename", "actor", "mod", "name", "lounge", "previousName", "general"));
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo(RoomEvent.Kind.CHANGED);
              assertThat(e.room().name()).isEqualTo("lounge");
            });
    int before = history().size();
    moderation.rename(room.id(), "owner", "lounge");
    assertThat(history()).hasSize(before);
    assertThatThrownBy(() -> moderation.rename(room.id(), "owner", " "))
        .isInstanceOf(InvalidRoomNameException.class);
  }

  @Test
  void deletingTheRoomEndsEveryMembershipAndKeepsHistoryByDefault() throws Exception {
    chat.send(room.id(), "bob", "hello").get();
    List<ChatMessage> live = new CopyOnWriteArrayList<>();
    chat.subscribe(room.id(), live::add);
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    chat.subscribeRooms(events::add);

    moderation.deleteRoom(room.id(), "owner");

    assertThat(live)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
              assertThat(m.metadata())
                  .containsEntry("action", "delete")
                  .containsEntry("actor", "owner");
              assertThat(m.content()).isEqualTo("The room was deleted by owner");
              assertThat(m.endsMembershipOf("bob")).isTrue();
              assertThat(m.endsMembershipOf("anyone")).isTrue();
            });
    assertThat(events).anySatisfy(e -> assertThat(e.kind()).isEqualTo(RoomEvent.Kind.DELETED));
    assertThatThrownBy(() -> chat.room(room.id())).isInstanceOf(RoomNotFoundException.class);
    assertThat(chat.roomsOf("bob")).isEmpty();
    assertThat(store.page(room.id(), HistoryQuery.before(Long.MAX_VALUE, 100)).messages())
        .isNotEmpty();
  }

  @Test
  void deletingTheRoomErasesHistoryWhenConfigured() throws Exception {
    SwitchableStore erasing = new SwitchableStore();
    try (ChatService service =
        ChatService.builder()
            .messageBus(new InMemoryMessageBus(erasing))
            .deleteHistory(true)
            .build()) {
      Room r = service.createRoom("temp", "owner");
      service.send(r.id(), "owner", "hello").get();
      service.moderation().deleteRoom(r.id(), "owner");
      assertThat(erasing.page(r.id(), HistoryQuery.before(Long.MAX_VALUE, 100)).messages())
          .isEmpty();
    }
  }

  @Test
  void aFailedPublishUndoesTheChange() {
    moderation.moderate(room.id(), "owner", request(ModerationAction.BAN, "eve"));
    moderation.moderate(room.id(), "owner", request(ModerationAction.MUTE, "carol"));
    Room before = chat.room(room.id());
    store.failWrites(new ChatUnavailableException("store is down"));

    for (ModerationAction action : ModerationAction.values()) {
      for (String target : List.of("mod", "bob", "eve", "carol")) {
        try {
          moderation.moderate(room.id(), "owner", request(action, target));
        } catch (ChatUnavailableException expected) {
          // refused by the log: undone below
        }
      }
    }
    assertThatThrownBy(() -> moderation.setRole(room.id(), "owner", "bob", RoomRole.MODERATOR))
        .isInstanceOf(ChatUnavailableException.class);
    assertThatThrownBy(() -> moderation.setRole(room.id(), "owner", "mod", RoomRole.MEMBER))
        .isInstanceOf(ChatUnavailableException.class);
    assertThatThrownBy(() -> moderation.rename(room.id(), "owner", "other"))
        .isInstanceOf(ChatUnavailableException.class);
    assertThatThrownBy(() -> moderation.deleteRoom(room.id(), "owner"))
        .isInstanceOf(ChatUnavailableException.class);

    assertThat(chat.room(room.id())).isEqualTo(before);
    assertThat(chat.cachedRoom(room.id())).isEqualTo(before);
  }

  @Test
  void everyActionRefreshesTheRoomCacheAndAnnouncesAnEvent() {
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    chat.subscribeRooms(events::add);
    List<Runnable> actions =
        List.of(
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.MUTE, "bob")),
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.UNMUTE, "bob")),
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.KICK, "bob")),
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.BAN, "carol")),
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.UNBAN, "carol")),
            () -> moderation.moderate(room.id(), "owner", request(ModerationAction.BAN, "eve")),
            () -> moderation.setRole(room.id(), "owner", "mod", RoomRole.MEMBER),
            () -> moderation.rename(room.id(), "owner", "renamed"));
    List<RoomEvent.Kind> kinds =
        List.of(
            RoomEvent.Kind.CHANGED,
            RoomEvent.Kind.CHANGED,
            RoomEvent.Kind.LEFT,
            RoomEvent.Kind.LEFT,
            RoomEvent.Kind.CHANGED,
            RoomEvent.Kind.CHANGED,
            RoomEvent.Kind.CHANGED,
            RoomEvent.Kind.CHANGED);
    for (int i = 0; i < actions.size(); i++) {
      chat.cachedRoom(room.id());
      events.clear();
      actions.get(i).run();
      assertThat(chat.cachedRoom(room.id())).as("action %d", i).isEqualTo(chat.room(room.id()));
      assertThat(events)
          .as("action %d", i)
          .extracting(RoomEvent::kind)
          .containsExactly(kinds.get(i));
    }
    assertThat(chat.room(room.id()).name()).isEqualTo("renamed");
    assertThat(chat.room(room.id()).bannedAt("eve", START)).isPresent();
  }

  @Test
  void everyActionRefreshesThisNodesRoomCacheWithoutWaitingForItsRoomEvent() {
    // Room events reach this service late (as from Kafka): only the action's own invalidation
    // can refresh the cache at once.
    MessageBus slowEvents =
        new ForwardingMessageBus(new InMemoryMessageBus(new SwitchableStore())) {
          @Override
          public Subscription subscribeRoomEvents(RoomEventListener listener) {
            return () -> {};
          }
        };
    try (ChatService service =
        ChatService.builder()
            .roomRepository(new InMemoryRoomRepository())
            .messageBus(slowEvents)
            .roomCacheTtl(Duration.ofHours(1))
            .clock(clock)
            .build()) {
      Moderation mod = service.moderation();
      long id = service.createRoom("general", "owner").id();
      for (String user : List.of("mod", "bob", "carol")) {
        service.join(id, user);
      }
      List<Runnable> actions =
          List.of(
              () -> mod.setRole(id, "owner", "mod", RoomRole.MODERATOR),
              () -> mod.moderate(id, "owner", request(ModerationAction.MUTE, "bob")),
              () -> mod.moderate(id, "owner", request(ModerationAction.UNMUTE, "bob")),
              () -> mod.moderate(id, "owner", request(ModerationAction.KICK, "bob")),
              () -> mod.moderate(id, "owner", request(ModerationAction.BAN, "carol")),
              () -> mod.moderate(id, "owner", request(ModerationAction.UNBAN, "carol")),
              () -> mod.rename(id, "owner", "renamed"));
      for (int i = 0; i < actions.size(); i++) {
        service.cachedRoom(id);
        actions.get(i).run();
        assertThat(service.cachedRoom(id)).as("action %d", i).isEqualTo(service.room(id));
      }
      service.cachedRoom(id);
      mod.deleteRoom(id, "owner");
      assertThatThrownBy(() -> service.cachedRoom(id)).isInstanceOf(RoomNotFoundException.class);
    }
  }

  @Test
  void aMutedUsersTypingIsNotForwarded() {
    List<TypingEvent> typing = new CopyOnWriteArrayList<>();
    chat.typing().subscribe(room.id(), typing::add);
    moderation.moderate(room.id(), "owner", request(ModerationAction.MUTE, "bob"));
    chat.typing().typing(room.id(), "bob", true);
    chat.typing().typing(room.id(), "carol", true);
    org.awaitility.Awaitility.await()
        .until(() -> typing.stream().anyMatch(e -> e.user().equals("carol")));
    assertThat(typing).extracting(TypingEvent::user).containsOnly("carol");
  }

  @Test
  void membershipEndsAtOwnLeavesKicksBansAndDeletesOnly() {
    ChatMessage leave =
        new ChatMessage("l", 1, 1, "bob", "bob left", MessageType.LEAVE, START, null);
    assertThat(leave.endsMembershipOf("bob")).isTrue();
    assertThat(leave.endsMembershipOf("carol")).isFalse();
    ChatMessage chatMessage =
        new ChatMessage("c", 1, 2, "bob", "bob", MessageType.CHAT, START, null);
    assertThat(chatMessage.endsMembershipOf("bob")).isFalse();
    moderation.moderate(room.id(), "owner", request(ModerationAction.MUTE, "bob"));
    assertThat(last().endsMembershipOf("bob")).isFalse();
  }

  @Test
  void actionsHaveWireNames() {
    assertThat(ModerationAction.KICK.wireName()).isEqualTo("kick");
    assertThat(ModerationAction.of(" UnMute ")).isEqualTo(ModerationAction.UNMUTE);
    assertThat(ModerationAction.of("ban")).isEqualTo(ModerationAction.BAN);
    for (String bad : new String[] {null, "", "slap", "kicks"}) {
      assertThatThrownBy(() -> ModerationAction.of(bad))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((ChatException) e).code())
          .isEqualTo("invalid-action");
    }
  }

  @Test
  void theInMemoryStoreErasesOneRoom() throws Exception {
    io.chatstack.memory.InMemoryMessageStore memory =
        new io.chatstack.memory.InMemoryMessageStore();
    try (ChatService service =
        ChatService.builder().messageBus(new InMemoryMessageBus(memory)).build()) {
      Room a = service.createRoom("a", "owner");
      Room b = service.createRoom("b", "owner");
      service.send(a.id(), "owner", "hello").get();
      assertThat(memory.eraseRoom(a.id())).isEqualTo(2);
      assertThat(memory.eraseRoom(a.id())).isZero();
      assertThat(memory.page(a.id(), HistoryQuery.latest(10)).messages()).isEmpty();
      assertThat(memory.page(b.id(), HistoryQuery.latest(10)).messages()).hasSize(1);
    }
  }

  private static void assertRefused(Runnable action) {
    assertThatThrownBy(action::run)
        .isInstanceOf(ActionRefusedException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ActionRefusedException.FORBIDDEN);
  }

  /** Refused with {@code forbidden} and a detail that says why. */
  private static void assertRefused(Runnable action, String why) {
    assertThatThrownBy(action::run)
        .isInstanceOf(ActionRefusedException.class)
        .hasMessageContaining(why)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo(ActionRefusedException.FORBIDDEN);
  }

  private static void assertMuted(Runnable action) {
    assertThatThrownBy(action::run)
        .satisfies(
            e -> {
              Throwable cause = e instanceof CompletionException ? e.getCause() : e;
              assertThat(cause).isInstanceOf(ActionRefusedException.class);
              assertThat(((ChatException) cause).code()).isEqualTo(ActionRefusedException.MUTED);
            });
  }
}
