package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default rules of {@link RoomAccess} on an in-memory service; every refusal changes nothing.
 */
class RoomAccessTest {
  private final ChatService chat = ChatService.builder().build();
  private final RoomAccess access = new RoomAccess(chat, RoomAuthorizer.defaults());
  private final ChatPrincipal alice = new ChatPrincipal("alice");
  private final ChatPrincipal bob = new ChatPrincipal("bob");
  private final ChatPrincipal carol = new ChatPrincipal("carol");

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void theFreshMembershipCorrectsTheCachedRoomBothWays() {
    Room room =
        new Room(
            7,
            "r",
            "alice",
            java.time.Instant.EPOCH,
            java.util.Set.of("alice", "bob"),
            RoomVisibility.PUBLIC,
            java.util.Set.of("bob"),
            java.util.Map.of());
    assertThat(RoomAccess.withMembership(room, "bob", true)).isSameAs(room);
    assertThat(RoomAccess.withMembership(room, "carol", false)).isSameAs(room);
    Room left = RoomAccess.withMembership(room, "bob", false);
    assertThat(left.participants()).containsExactly("alice");
    assertThat(left.moderators()).isEmpty();
    assertThat(left.id()).isEqualTo(7);
    assertThat(left.name()).isEqualTo("r");
    Room joined = RoomAccess.withMembership(room, "carol", true);
    assertThat(joined.participants()).containsExactly("alice", "bob", "carol");
    assertThat(joined.moderators()).containsExactly("bob");
  }

  @Test
  void stillSubscribableReadsTheUsersMembershipFresh() {
    Room room = access.createRoom(alice, "open", RoomVisibility.PUBLIC);
    access.join(bob, room.id());
    assertThat(access.stillSubscribable(bob, room.id())).isTrue();
    assertThat(access.stillSubscribable(carol, room.id())).isFalse();
    access.leave(bob, room.id());
    assertThat(access.stillSubscribable(bob, room.id())).isFalse();
    assertThat(access.stillSubscribable(alice, Long.MAX_VALUE - 3)).isFalse();
  }

  @Test
  void publicRoomsAreJoinedByAnyoneButOnlyTheCreatorRemovesOthers() {
    Room room = access.createRoom(alice, "open", RoomVisibility.PUBLIC);
    assertThat(access.join(bob, room.id()).participants()).contains("bob");
    assertThatThrownBy(() -> access.addParticipant(bob, room.id(), "carol"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> access.removeParticipant(bob, room.id(), "alice"))
        .isInstanceOf(ForbiddenException.class);
    assertThat(chat.room(room.id()).participants()).containsExactly("alice", "bob");
    assertThat(access.removeParticipant(alice, room.id(), "bob").participants())
        .containsExactly("alice");
    assertThatThrownBy(() -> access.history(carol, room.id(), HistoryQuery.latest(10)))
        .isInstanceOf(NotParticipantException.class);
    assertThat(access.room(carol, room.id()).id()).isEqualTo(room.id());
  }

  @Test
  void privateRoomsAreEnteredByInvitationAndHiddenFromOthers() {
    Room room = access.createRoom(alice, "club", RoomVisibility.PRIVATE);
    assertThatThrownBy(() -> access.join(bob, room.id())).isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.room(bob, room.id())).isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.history(bob, room.id(), HistoryQuery.latest(1)))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.participants(bob, room.id(), "", 10))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.requireSubscribe(bob, room.id()))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.requireSend(bob, room.id()))
        .isInstanceOf(RoomNotFoundException.class);
    assertThat(access.rooms(bob)).extracting(RoomSummary::id).doesNotContain(room.id());
    assertThat(chat.room(room.id()).participants()).containsExactly("alice");

    access.addParticipant(alice, room.id(), "bob");
    assertThat(access.rooms(bob)).extracting(RoomSummary::id).contains(room.id());
    access.addParticipant(bob, room.id(), "carol");
    assertThat(access.participants(carol, room.id(), "", 10))
        .containsExactly("alice", "bob", "carol");
    access.leave(carol, room.id());
    assertThatThrownBy(() -> access.join(carol, room.id()))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void directRoomsKeepTheirTwoParticipants() {
    Room room = access.directRoom(alice, "bob").room();
    assertThat(access.directRoom(bob, "alice").room().id()).isEqualTo(room.id());
    assertThatThrownBy(() -> access.join(carol, room.id()))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> access.addParticipant(alice, room.id(), "carol"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> access.leave(alice, room.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> access.removeParticipant(alice, room.id(), "bob"))
        .isInstanceOf(ForbiddenException.class);
    assertThat(chat.room(room.id()).participants()).containsExactly("alice", "bob");
    assertThat(access.rooms(carol)).extracting(RoomSummary::id).doesNotContain(room.id());
    assertThat(access.publicRooms()).extracting(RoomSummary::id).doesNotContain(room.id());
    assertThatThrownBy(() -> access.publicHistory(room.id(), HistoryQuery.latest(1)))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void kicksAndBansThroughModerationAskCanRemoveLikeARemoval() {
    // A host's rule: only the owner removes people; moderators may still mute.
    RoomAuthorizer ownerRemoves =
        new RoomAuthorizer() {
          @Override
          public boolean canRemove(ChatPrincipal user, Room room, String target) {
            return room.role(user.name()).orElse(null) == RoomRole.OWNER;
          }
        };
    RoomAccess hosted = new RoomAccess(chat, ownerRemoves);
    Room room = hosted.createRoom(alice, "open", RoomVisibility.PUBLIC);
    hosted.join(bob, room.id());
    hosted.join(carol, room.id());
    hosted.setRole(alice, room.id(), "bob", RoomRole.MODERATOR);
    int before = chat.history(room.id(), HistoryQuery.latest(100)).messages().size();

    assertThatThrownBy(
            () ->
                hosted.moderate(
                    bob, room.id(), ModerationRequest.of(ModerationAction.KICK, "carol")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("carol");
    assertThatThrownBy(
            () ->
                hosted.moderate(
                    bob, room.id(), ModerationRequest.of(ModerationAction.BAN, "carol")))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> hosted.removeParticipant(bob, room.id(), "carol"))
        .isInstanceOf(ForbiddenException.class);
    assertThat(chat.room(room.id()).participants()).contains("carol");
    assertThat(chat.room(room.id()).restrictions()).isEmpty();
    assertThat(chat.history(room.id(), HistoryQuery.latest(100)).messages()).hasSize(before);

    // A ban keeps out even someone not in the room (yet): the owner's, under this rule.
    assertThatThrownBy(
            () ->
                hosted.moderate(bob, room.id(), ModerationRequest.of(ModerationAction.BAN, "dave")))
        .isInstanceOf(ForbiddenException.class);
    // What removes nobody is the moderator's to do: a mute.
    hosted.moderate(bob, room.id(), ModerationRequest.of(ModerationAction.MUTE, "carol"));
    hosted.moderate(alice, room.id(), ModerationRequest.of(ModerationAction.BAN, "dave"));
    assertThat(chat.room(room.id()).restrictions()).containsKeys("carol", "dave");
    // The owner removes.
    hosted.moderate(alice, room.id(), ModerationRequest.of(ModerationAction.KICK, "carol"));
    assertThat(chat.room(room.id()).participants()).doesNotContain("carol");
  }
}
