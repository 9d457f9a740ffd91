package io.chatstack.server;

import io.chatstack.core.ActionRefusedException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.Messages;
import io.chatstack.core.Moderation;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Participant;
import io.chatstack.core.PresenceSnapshot;
import io.chatstack.core.ReadState;
import io.chatstack.core.Restriction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.SendOptions;
import io.chatstack.stomp.ErrorCodes;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every room action of an authenticated user, checked against one {@link RoomAuthorizer} and then
 * carried out by the {@link ChatService}: the single place where the REST API and the STOMP engine
 * decide who sees and does what. A refusal throws before anything changes:
 *
 * <ul>
 *   <li>{@link RoomNotFoundException} ({@code room-not-found}, HTTP 404) for a room the user may
 *       not see, exactly as for a room that does not exist;
 *   <li>{@link NotParticipantException} ({@code not-participant}, 403) for reading or subscribing
 *       to a visible room one is not in;
 *   <li>{@link ForbiddenException} ({@code forbidden}, 403) for a membership change the rules do
 *       not allow;
 *   <li>{@link ActionRefusedException} ({@code forbidden}, {@code banned}, {@code muted}, 403) for
 *       moderation the user's role does not allow, a banned user's join and a muted user's post.
 * </ul>
 *
 * <p>Checks on the message path (send, subscribe) use the service's room cache ({@link
 * ChatService#checkRoom}); reads that answer with a room read it fresh. Thread-safe (immutable);
 * one instance serves all requests.
 */
public final class RoomAccess {
  private final ChatService chat;
  private final RoomAuthorizer authorizer;

  public RoomAccess(ChatService chat, RoomAuthorizer authorizer) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** The authorizer whose rules this applies. */
  public RoomAuthorizer authorizer() {
    return authorizer;
  }

  /** The public rooms and the user's private and direct rooms, ordered by id. */
  public List<RoomSummary> rooms(ChatPrincipal user) {
    return chat.roomsVisibleTo(user.name());
  }

  /** The rooms the user participates in, ordered by id. */
  public List<RoomSummary> roomsOf(ChatPrincipal user) {
    return chat.roomsOf(user.name());
  }

  /** The room with its participants, if the user may see it. */
  public Room room(ChatPrincipal user, long roomId) {
    Room room = chat.room(roomId);
    requireVisible(user, room);
    return room;
  }

  /** Creates a public or private room with the user as creator and first participant. */
  public Room createRoom(ChatPrincipal user, String name, RoomVisibility visibility) {
    return chat.createRoom(name, user.name(), visibility);
  }

  /** The direct room of the user and {@code other}, created when missing. */
  public DirectRoom directRoom(ChatPrincipal user, String other) {
    return chat.directRoom(user.name(), other);
  }

  /**
   * Makes {@code username} a participant: the user joins themselves when it is their own name
   * ({@link RoomAuthorizer#canJoin}), otherwise it is an invitation ({@link
   * RoomAuthorizer#canInvite}).
   */
  public Room addParticipant(ChatPrincipal user, long roomId, String username) {
    Room room = chat.room(roomId);
    requireVisible(user, room);
    if (username.equals(user.name())) {
      if (!room.hasParticipant(username) && !authorizer.canJoin(user, room)) {
        throw new ForbiddenException(
            joinRefusal(room) + "; ask a participant of room " + roomId + " to invite you");
      }
      return chat.join(roomId, username);
    }
    if (!authorizer.canInvite(user, room, username)) {
      throw new ForbiddenException(
          "You may not add others to room "
              + roomId
              + ": only participants of a private room invite");
    }
    return chat.join(roomId, username, user.name());
  }

  /** The user joins the room ({@link #addParticipant} with their own name). */
  public Room join(ChatPrincipal user, long roomId) {
    return addParticipant(user, roomId, user.name());
  }

  /**
   * Removes {@code username}: the user leaves when it is their own name ({@link
   * RoomAuthorizer#canLeave}), otherwise it is a removal ({@link RoomAuthorizer#canRemove}).
   */
  public Room removeParticipant(ChatPrincipal user, long roomId, String username) {
    Room room = chat.room(roomId);
    requireVisible(user, room);
    if (username.equals(user.name())) {
      if (room.hasParticipant(username) && !authorizer.canLeave(user, room)) {
        throw new ForbiddenException("A direct room keeps its two participants; you cannot leave");
      }
      return chat.leave(roomId, username);
    }
    if (!authorizer.canRemove(user, room, username)) {
      throw new ForbiddenException(
          "Only the owner and moderators of room " + roomId + " may remove other participants");
    }
    return chat.moderation()
        .moderate(roomId, user.name(), ModerationRequest.of(ModerationAction.KICK, username));
  }

  /**
   * Kicks, bans, unbans, mutes or unmutes a user ({@link Moderation#moderate}), for users who may
   * see the room; the role rules are the service's ({@link ActionRefusedException}, code {@code
   * forbidden}). A kick or a ban removes the target from the room (a ban also keeps them out, and
   * may meet a join on its way), so both also need {@link RoomAuthorizer#canRemove} ({@link
   * ForbiddenException} otherwise), as {@link #removeParticipant} does.
   */
  public Room moderate(ChatPrincipal user, long roomId, ModerationRequest request) {
    Room room = chat.room(roomId);
    requireVisible(user, room);
    String target = request.username();
    boolean removes =
        request.action() == ModerationAction.KICK || request.action() == ModerationAction.BAN;
    if (removes && !target.equals(user.name()) && !authorizer.canRemove(user, room, target)) {
      throw new ForbiddenException(
          "You may not remove " + target + " from room " + roomId + " (kick or ban)");
    }
    return chat.moderation().moderate(roomId, user.name(), request);
  }

  /** Makes a participant a moderator or a member ({@link Moderation#setRole}); owner only. */
  public Room setRole(ChatPrincipal user, long roomId, String target, RoomRole role) {
    requireVisible(user, chat.room(roomId));
    return chat.moderation().setRole(roomId, user.name(), target, role);
  }

  /** Renames the room ({@link Moderation#rename}); owner and moderators. */
  public Room rename(ChatPrincipal user, long roomId, String name) {
    requireVisible(user, chat.room(roomId));
    return chat.moderation().rename(roomId, user.name(), name);
  }

  /** Deletes the room ({@link Moderation#deleteRoom}); owner only. */
  public void deleteRoom(ChatPrincipal user, long roomId) {
    requireVisible(user, chat.room(roomId));
    chat.moderation().deleteRoom(roomId, user.name());
  }

  /** The room's bans and mutes in force ({@link Moderation#restrictions}); owner and moderators. */
  public List<Restriction> restrictions(ChatPrincipal user, long roomId) {
    requireVisible(user, chat.room(roomId));
    return chat.moderation().restrictions(roomId, user.name());
  }

  /** One page of the room's participants with their roles, for users who may see the room. */
  public List<Participant> participantPage(
      ChatPrincipal user, long roomId, String after, int limit) {
    requireVisible(user, chat.room(roomId));
    return chat.participantPage(roomId, after, limit);
  }

  /** The user leaves the room ({@link #removeParticipant} with their own name). */
  public Room leave(ChatPrincipal user, long roomId) {
    return removeParticipant(user, roomId, user.name());
  }

  /** One page of the room's participants, for users who may see the room. */
  public List<String> participants(ChatPrincipal user, long roomId, String after, int limit) {
    requireVisible(user, chat.room(roomId));
    return chat.participants(roomId, after, limit);
  }

  /** One page of history, for users who may read it. */
  public HistoryPage history(ChatPrincipal user, long roomId, HistoryQuery query) {
    requireAllowed(user, roomId, r -> authorizer.canReadHistory(user, r));
    return chat.history(roomId, query);
  }

  /** Checks that the user may receive the room's messages (live or replayed). */
  public void requireSubscribe(ChatPrincipal user, long roomId) {
    requireAllowed(user, roomId, r -> authorizer.canSubscribe(user, r));
  }

  /**
   * Whether the user may still receive the room's messages, asked of the cached room (a "no" is
   * confirmed by a fresh read, as {@link ChatService#checkRoom} does, so an accepted check costs no
   * query): cheap enough for every delivery. A removal whose room event was lost (its publish
   * failed) is seen at the latest when the room cache refreshes. False also when the room is gone.
   *
   * @throws io.chatstack.core.ChatUnavailableException when the room must be read and the room
   *     database is down (neither yes nor no)
   */
  public boolean maySubscribe(ChatPrincipal user, long roomId) {
    try {
      return chat.checkRoom(roomId, r -> authorizer.canSubscribe(user, r));
    } catch (RoomNotFoundException e) {
      return false;
    }
  }

  /**
   * Whether the user may still receive the room's messages, with their membership read fresh from
   * the repository (not the cache): asked once a subscription is registered, so that a leave just
   * before it is seen. Only the user's own membership is read (one row, {@link
   * ChatService#isParticipant}); the rest of the room comes from the cache, so a storm of
   * subscriptions to a room of 10,000 members does not read 10,000 rows each. When the fresh
   * membership differs from the cached room, the authorizer sees the cached room corrected for it.
   */
  public boolean stillSubscribable(ChatPrincipal user, long roomId) {
    try {
      return authorizer.canSubscribe(user, withFreshMembership(user, roomId));
    } catch (RoomNotFoundException e) {
      return false;
    }
  }

  /**
   * Checks that the user may have the room's records replayed ({@code since-seq}): receive its
   * messages ({@link RoomAuthorizer#canSubscribe}) and read its history ({@link
   * RoomAuthorizer#canReadHistory}), with their membership read fresh as {@link #stillSubscribable}
   * does, so that a removal on another node whose room event has not reached this node's cache yet
   * is seen. Asked once the subscription is registered and before the replay.
   *
   * @throws NotParticipantException when refused ({@link RoomNotFoundException} when the user may
   *     not even see the room), as {@link #requireSubscribe}
   */
  public void requireReplay(ChatPrincipal user, long roomId) {
    Room fresh = withFreshMembership(user, roomId);
    if (authorizer.canSubscribe(user, fresh) && authorizer.canReadHistory(user, fresh)) {
      return;
    }
    requireVisible(user, fresh);
    throw new NotParticipantException(roomId, user.name());
  }

  /** The cached room with the user's own membership read fresh (one row). */
  private Room withFreshMembership(ChatPrincipal user, long roomId) {
    Room cached = chat.cachedRoom(roomId);
    return withMembership(cached, user.name(), chat.isParticipant(roomId, user.name()));
  }

  /** The room with {@code username} a participant or not, as read fresh. */
  static Room withMembership(Room room, String username, boolean member) {
    if (room.hasParticipant(username) == member) {
      return room;
    }
    Set<String> participants = new HashSet<>(room.participants());
    Set<String> moderators = new HashSet<>(room.moderators());
    if (member) {
      participants.add(username);
    } else {
      participants.remove(username);
      moderators.remove(username);
    }
    return new Room(
        room.id(),
        room.name(),
        room.createdBy(),
        room.createdAt(),
        participants,
        room.visibility(),
        moderators,
        room.restrictions());
  }

  /** Checks that the user may post to the room. */
  public void requireSend(ChatPrincipal user, long roomId) {
    requireAllowed(user, roomId, r -> authorizer.canSend(user, r));
  }

  /**
   * Sends a chat message as the user if they may post to the room ({@link RoomAuthorizer#canSend}):
   * the send's one room check, refused like {@link #requireSend}. The future is {@link
   * ChatService#send(long, String, String, String)}'s.
   */
  public CompletableFuture<ChatMessage> send(
      ChatPrincipal user, long roomId, String content, String clientMsgId) {
    return posting(
        user, roomId, mayPost -> chat.send(roomId, user.name(), content, clientMsgId, mayPost));
  }

  /**
   * Sends a chat message that replies to another message and/or carries metadata ({@link
   * SendOptions}); checked and refused like {@link #send(ChatPrincipal, long, String, String)}.
   */
  public CompletableFuture<ChatMessage> send(
      ChatPrincipal user, long roomId, String content, String clientMsgId, SendOptions options) {
    return posting(
        user,
        roomId,
        mayPost -> chat.send(roomId, user.name(), content, clientMsgId, options, mayPost));
  }

  /**
   * Edits one of the user's messages ({@link Messages#edit}), if they may post to the room ({@link
   * RoomAuthorizer#canSend}); refused like {@link #requireSend}.
   */
  public CompletableFuture<ChatMessage> edit(
      ChatPrincipal user, long roomId, String messageId, String content, String clientMsgId) {
    return posting(
        user,
        roomId,
        mayPost ->
            chat.messages().edit(roomId, user.name(), messageId, content, clientMsgId, mayPost));
  }

  /**
   * Deletes a message: the user's own, or another's as the room's owner or a moderator ({@link
   * Messages#delete}); checked like {@link #edit}.
   */
  public CompletableFuture<ChatMessage> delete(ChatPrincipal user, long roomId, String messageId) {
    return posting(
        user, roomId, mayPost -> chat.messages().delete(roomId, user.name(), messageId, mayPost));
  }

  /**
   * Adds or removes the user's reaction on a message ({@link Messages#react}); checked like {@link
   * #edit}.
   */
  public CompletableFuture<ChatMessage> react(
      ChatPrincipal user, long roomId, String messageId, String emoji, boolean add) {
    return posting(
        user,
        roomId,
        mayPost -> chat.messages().react(roomId, user.name(), messageId, emoji, add, mayPost));
  }

  /**
   * Runs a posting action with {@link RoomAuthorizer#canSend} as its room check; a refusal of a
   * room the user may not see becomes {@code room-not-found}, as for every other action.
   */
  private CompletableFuture<ChatMessage> posting(
      ChatPrincipal user,
      long roomId,
      Function<Predicate<Room>, CompletableFuture<ChatMessage>> action) {
    try {
      return action.apply(r -> authorizer.canSend(user, r));
    } catch (NotParticipantException e) {
      requireVisible(user, chat.room(roomId));
      throw e;
    }
  }

  /**
   * Who is online in the room ({@link ChatService#presence()}), for users who may receive its
   * messages ({@link RoomAuthorizer#canSubscribe}: participants by default); refused like {@link
   * #requireSubscribe}.
   */
  public PresenceSnapshot presence(ChatPrincipal user, long roomId) {
    requireSubscribe(user, roomId);
    return chat.presence().snapshot(roomId);
  }

  /**
   * Says that the user is (or stopped) typing in the room ({@link ChatService#typing()}), if they
   * may post to it ({@link RoomAuthorizer#canSend}: participants by default); refused like {@link
   * #requireSend}.
   */
  public void typing(ChatPrincipal user, long roomId, boolean typing) {
    requireSend(user, roomId);
    chat.typing().typing(roomId, user.name(), typing);
  }

  /**
   * Marks the room read up to {@code seq} for the user ({@link
   * io.chatstack.core.ReadStates#markRead}), if they may receive its messages ({@link
   * RoomAuthorizer#canSubscribe}: participants by default); refused like {@link #requireSubscribe}.
   * The read position never moves back.
   *
   * @return the user's state in the room after the call
   * @throws InvalidInputException ({@code invalid-seq}) when {@code seq} is below {@link
   *     ReadState#NOTHING_READ}, before anything else is checked
   */
  public ReadState markRead(ChatPrincipal user, long roomId, long seq) {
    if (seq < ReadState.NOTHING_READ) {
      throw new InvalidInputException(
          ErrorCodes.INVALID_SEQ,
          "seq must be the highest seq read (an integer >= -1), was " + seq);
    }
    requireSubscribe(user, roomId);
    return chat.readStates().markRead(roomId, user.name(), seq);
  }

  /** The user's read state in each room they participate in, ordered by room id. */
  public List<ReadState> readStates(ChatPrincipal user) {
    return chat.readStates().states(user.name());
  }

  /**
   * Whether a room event may reach the user: events of rooms they may see, their own joins and
   * departures (so that a room they just left disappears from their list), and the deletion of a
   * public room. A change that concerns them (a ban or mute of someone who is not a participant)
   * reaches them only when they may see the room.
   */
  public boolean canSee(ChatPrincipal user, RoomEvent event) {
    if (event.user().equals(user.name()) && event.kind() != RoomEvent.Kind.CHANGED) {
      return true;
    }
    if (event.kind() == RoomEvent.Kind.DELETED) {
      // The room is gone, its members with it: a public room's deletion reaches everyone; a
      // private room's only its actor (its members' subscriptions end at the SYSTEM message).
      return event.room().visibility() == RoomVisibility.PUBLIC;
    }
    // The cached room only: the event has just invalidated it on this node, so the first
    // subscriber reloads it and the others share that read (no query per subscriber).
    try {
      return authorizer.canSee(user, chat.cachedRoom(event.room().id()));
    } catch (RoomNotFoundException e) {
      return false;
    }
  }

  /** Public rooms only: what a caller who names no user sees (development mode). */
  public List<RoomSummary> publicRooms() {
    return chat.rooms().stream().filter(r -> r.visibility() == RoomVisibility.PUBLIC).toList();
  }

  /** The room if it is public: what a caller who names no user may read (development mode). */
  public Room publicRoom(long roomId) {
    Room room = chat.room(roomId);
    if (room.visibility() != RoomVisibility.PUBLIC) {
      throw new RoomNotFoundException(roomId);
    }
    return room;
  }

  /**
   * History of a public room for a caller who names no user (development mode, as chatstack 0.1
   * answered it): no membership check. The room's visibility is read from the service's room cache
   * (a room that is not public there is confirmed fresh), so a page from the history tail costs no
   * query.
   */
  public HistoryPage publicHistory(long roomId, HistoryQuery query) {
    if (!chat.checkRoom(roomId, r -> r.visibility() == RoomVisibility.PUBLIC)) {
      throw new RoomNotFoundException(roomId);
    }
    return chat.history(roomId, query);
  }

  private void requireAllowed(ChatPrincipal user, long roomId, Predicate<Room> check) {
    if (chat.checkRoom(roomId, check)) {
      return;
    }
    requireVisible(user, chat.room(roomId));
    throw new NotParticipantException(roomId, user.name());
  }

  private void requireVisible(ChatPrincipal user, Room room) {
    if (!authorizer.canSee(user, room)) {
      throw new RoomNotFoundException(room.id());
    }
  }

  private static String joinRefusal(Room room) {
    return switch (room.visibility()) {
      case PRIVATE -> "Room " + room.id() + " is private";
      case DIRECT -> "Room " + room.id() + " is a direct room of two users";
      case PUBLIC -> "You may not join room " + room.id();
    };
  }
}
