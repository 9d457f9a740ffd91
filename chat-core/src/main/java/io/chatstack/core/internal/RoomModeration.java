package io.chatstack.core.internal;

import io.chatstack.core.ActionRefusedException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageType;
import io.chatstack.core.Moderation;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Restriction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomVisibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Moderation} for {@code ChatService}: checks the role rules on a fresh read of the room,
 * changes the room repository, publishes the SYSTEM message (undoing the repository change when the
 * log refuses it) and announces a room event so that every node's room cache and room lists follow.
 * Thread-safe (stateless besides its collaborators).
 */
public final class RoomModeration implements Moderation {
  private static final Logger LOG = LoggerFactory.getLogger(RoomModeration.class);

  /** Longest {@code reason}, in characters. */
  public static final int MAX_REASON = 500;

  private final RoomRepository rooms;
  private final Validator validate;
  private final Supplier<Instant> now;
  private final LongConsumer invalidate;
  private final UnaryOperator<ChatMessage> publish;
  private final Consumer<RoomEvent> announce;
  private final LongConsumer eraseHistory;

  /**
   * @param publish publishes a message and returns it as ordered, once durable; throws when the log
   *     refuses (then the repository change is undone)
   * @param eraseHistory erases a deleted room's history, or does nothing when history is kept
   */
  public RoomModeration(
      RoomRepository rooms,
      Validator validate,
      Supplier<Instant> now,
      LongConsumer invalidate,
      UnaryOperator<ChatMessage> publish,
      Consumer<RoomEvent> announce,
      LongConsumer eraseHistory) {
    this.rooms = rooms;
    this.validate = validate;
    this.now = now;
    this.invalidate = invalidate;
    this.publish = publish;
    this.announce = announce;
    this.eraseHistory = eraseHistory;
  }

  /** The latest end of a ban or mute: the end of the year 9999, as far as SQL DATETIME goes. */
  static final Instant LATEST_UNTIL = Instant.parse("9999-12-31T23:59:59Z");

  @Override
  public Room moderate(long roomId, String actor, ModerationRequest request) {
    validate.username(actor);
    String target = validate.username(request.username());
    String reason = reason(request.reason());
    Room room = read(roomId);
    requireModerator(room, actor, "moderate");
    requireTarget(room, actor, target);
    Instant at = now.get();
    Optional<Instant> until = request.until();
    boolean restricts =
        request.action() == ModerationAction.BAN || request.action() == ModerationAction.MUTE;
    if (until.isPresent() && restricts && !until.get().isAfter(at)) {
      throw new InvalidInputException(
          "invalid-until", "until must be in the future, was " + until.get());
    }
    if (until.isPresent() && restricts && until.get().isAfter(LATEST_UNTIL)) {
      // The room database's DATETIME ends with the year 9999; later instants are refused here
      // instead of failing (retryably) in the database.
      throw new InvalidInputException(
          "invalid-until",
          "until must be at most " + LATEST_UNTIL + " (omit it for no end), was " + until.get());
    }
    return switch (request.action()) {
      case KICK -> kick(room, actor, target, reason);
      case BAN -> ban(room, actor, target, until, reason);
      case MUTE -> mute(room, actor, target, until, reason);
      case UNBAN -> lift(room, actor, target, Restriction.Kind.BAN, "unban", " was unbanned by ");
      case UNMUTE -> lift(room, actor, target, Restriction.Kind.MUTE, "unmute", " was unmuted by ");
    };
  }

  private Room kick(Room room, String actor, String target, String reason) {
    long id = room.id();
    if (!rooms.removeParticipant(id, target)) {
      return room;
    }
    boolean wasModerator = room.moderators().contains(target);
    invalidate.accept(id);
    publishOrUndo(
        system(id, actor, target + " was removed by " + actor, "kick", target, null, reason),
        () -> {
          rooms.addParticipant(id, target);
          if (wasModerator) {
            rooms.setModerator(id, target, true);
          }
        });
    announce.accept(new RoomEvent(RoomEvent.Kind.LEFT, summary(id), target));
    return read(id);
  }

  private Room ban(Room room, String actor, String target, Optional<Instant> until, String reason) {
    long id = room.id();
    Optional<Restriction> before = current(room, target, Restriction.Kind.BAN);
    rooms.restrict(id, new Restriction(Restriction.Kind.BAN, target, until, actor, reason));
    boolean removed = rooms.removeParticipant(id, target);
    boolean wasModerator = room.moderators().contains(target);
    invalidate.accept(id);
    String text = target + " was banned by " + actor + until.map(u -> " until " + u).orElse("");
    publishOrUndo(
        system(id, actor, text, "ban", target, until.orElse(null), reason),
        () -> {
          restore(id, target, Restriction.Kind.BAN, before);
          if (removed) {
            rooms.addParticipant(id, target);
            if (wasModerator) {
              rooms.setModerator(id, target, true);
            }
          }
        });
    announce.accept(
        new RoomEvent(removed ? RoomEvent.Kind.LEFT : RoomEvent.Kind.CHANGED, summary(id), target));
    return read(id);
  }

  private Room mute(
      Room room, String actor, String target, Optional<Instant> until, String reason) {
    long id = room.id();
    Optional<Restriction> before = current(room, target, Restriction.Kind.MUTE);
    rooms.restrict(id, new Restriction(Restriction.Kind.MUTE, target, until, actor, reason));
    invalidate.accept(id);
    String text = target + " was muted by " + actor + until.map(u -> " until " + u).orElse("");
    publishOrUndo(
        system(id, actor, text, "mute", target, until.orElse(null), reason),
        () -> restore(id, target, Restriction.Kind.MUTE, before));
    announce.accept(new RoomEvent(RoomEvent.Kind.CHANGED, summary(id), target));
    return read(id);
  }

  private Room lift(
      Room room, String actor, String target, Restriction.Kind kind, String action, String verb) {
    long id = room.id();
    Optional<Restriction> before = current(room, target, kind);
    if (!rooms.lift(id, target, kind)) {
      return room;
    }
    invalidate.accept(id);
    publishOrUndo(
        system(id, actor, target + verb + actor, action, target, null, ""),
        () -> restore(id, target, kind, before));
    announce.accept(new RoomEvent(RoomEvent.Kind.CHANGED, summary(id), target));
    return read(id);
  }

  @Override
  public Room setRole(long roomId, String actor, String target, RoomRole role) {
    validate.username(actor);
    validate.username(target);
    if (role == null || role == RoomRole.OWNER) {
      throw new InvalidInputException(
          "invalid-role", "role must be MODERATOR or MEMBER; ownership cannot be given away");
    }
    Room room = read(roomId);
    requireOwner(room, actor, "set roles");
    if (target.equals(actor)) {
      throw refused("The owner's role cannot be changed");
    }
    Optional<RoomRole> current = room.role(target);
    if (current.isEmpty()) {
      throw new NotParticipantException(roomId, target);
    }
    if (current.get() == role) {
      return room;
    }
    boolean moderator = role == RoomRole.MODERATOR;
    rooms.setModerator(roomId, target, moderator);
    invalidate.accept(roomId);
    publishOrUndo(
        system(
            roomId,
            actor,
            target
                + (moderator ? " was made a moderator by " : " is no longer a moderator, by ")
                + actor,
            "role",
            target,
            null,
            "",
            Map.of("role", role.name())),
        () -> rooms.setModerator(roomId, target, !moderator));
    announce.accept(new RoomEvent(RoomEvent.Kind.CHANGED, summary(roomId), target));
    return read(roomId);
  }

  @Override
  public Room rename(long roomId, String actor, String name) {
    validate.username(actor);
    validate.roomName(name);
    Room room = read(roomId);
    requireModerator(room, actor, "rename the room");
    if (room.name().equals(name)) {
      return room;
    }
    rooms.rename(roomId, name);
    invalidate.accept(roomId);
    publishOrUndo(
        system(
            roomId,
            actor,
            actor + " renamed the room to " + name,
            "rename",
            null,
            null,
            "",
            Map.of("name", name, "previousName", room.name())),
        () -> rooms.rename(roomId, room.name()));
    announce.accept(new RoomEvent(RoomEvent.Kind.CHANGED, summary(roomId), actor));
    return read(roomId);
  }

  @Override
  public void deleteRoom(long roomId, String actor) {
    validate.username(actor);
    Room room = read(roomId);
    requireOwner(room, actor, "delete the room");
    // The SYSTEM message first: it ends every subscription to the room on every node. Should the
    // repository then fail, the room stays and the owner deletes it again.
    publish.apply(
        system(roomId, actor, "The room was deleted by " + actor, "delete", null, null, ""));
    rooms.delete(roomId);
    invalidate.accept(roomId);
    announce.accept(new RoomEvent(RoomEvent.Kind.DELETED, room.summary(), actor));
    try {
      eraseHistory.accept(roomId);
    } catch (RuntimeException e) {
      LOG.warn("History of deleted room {} was not erased", roomId, e);
    }
  }

  @Override
  public List<Restriction> restrictions(long roomId, String actor) {
    validate.username(actor);
    Room room = read(roomId);
    requireModerator(room, actor, "list bans and mutes");
    Instant at = now.get();
    List<Restriction> active = new ArrayList<>();
    room.restrictions()
        .values()
        .forEach(
            byKind -> byKind.values().stream().filter(r -> r.activeAt(at)).forEach(active::add));
    return active;
  }

  private Room read(long roomId) {
    return rooms.findById(roomId).orElseThrow(() -> new RoomNotFoundException(roomId));
  }

  private io.chatstack.core.RoomSummary summary(long roomId) {
    return rooms.findSummary(roomId).orElseThrow(() -> new RoomNotFoundException(roomId));
  }

  private static Optional<Restriction> current(Room room, String user, Restriction.Kind kind) {
    Map<Restriction.Kind, Restriction> byKind = room.restrictions().get(user);
    return byKind == null ? Optional.empty() : Optional.ofNullable(byKind.get(kind));
  }

  private void restore(long id, String user, Restriction.Kind kind, Optional<Restriction> before) {
    if (before.isPresent()) {
      rooms.restrict(id, before.get());
    } else {
      rooms.lift(id, user, kind);
    }
  }

  private void publishOrUndo(ChatMessage message, Runnable undo) {
    try {
      publish.apply(message);
    } catch (RuntimeException e) {
      try {
        undo.run();
      } catch (RuntimeException u) {
        e.addSuppressed(u);
      }
      invalidate.accept(message.roomId());
      throw e;
    }
  }

  private static void requireModerator(Room room, String actor, String what) {
    noDirect(room);
    if (!room.role(actor).map(RoomRole::moderates).orElse(false)) {
      throw refused("Only the owner and moderators may " + what + " in room " + room.id());
    }
  }

  private static void requireOwner(Room room, String actor, String what) {
    noDirect(room);
    if (room.role(actor).orElse(null) != RoomRole.OWNER) {
      throw refused("Only the owner may " + what + " of room " + room.id());
    }
  }

  /** Nobody acts on the owner or on themselves; moderators act on members only. */
  private static void requireTarget(Room room, String actor, String target) {
    String refusal = targetRefusal(room, actor, target);
    if (refusal != null) {
      throw refused(refusal);
    }
  }

  /**
   * Why {@code actor}, who moderates the room, may not act on {@code target}, or {@code null} when
   * they may: nobody acts on themselves or on the owner (the room's creator), and a moderator acts
   * on members only. The rules of every moderation action, and of deleting another user's message
   * ({@link MessageChanges}).
   */
  static String targetRefusal(Room room, String actor, String target) {
    if (target.equals(actor)) {
      return "Moderation actions cannot be aimed at yourself";
    }
    if (target.equals(room.createdBy())) {
      return "Moderation actions cannot be aimed at the room's owner";
    }
    if (room.role(actor).orElse(null) == RoomRole.MODERATOR && room.moderators().contains(target)) {
      return "Only the owner may act on another moderator";
    }
    return null;
  }

  private static void noDirect(Room room) {
    if (room.visibility() == RoomVisibility.DIRECT) {
      throw refused("Direct rooms have no roles and no moderation");
    }
  }

  private static ActionRefusedException refused(String message) {
    return new ActionRefusedException(ActionRefusedException.FORBIDDEN, message);
  }

  private String reason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() > MAX_REASON || r.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "invalid-reason",
          "reason must be at most " + MAX_REASON + " characters without control characters");
    }
    return r;
  }

  private ChatMessage system(
      long roomId,
      String actor,
      String text,
      String action,
      String target,
      Instant until,
      String reason) {
    return system(roomId, actor, text, action, target, until, reason, Map.of());
  }

  private ChatMessage system(
      long roomId,
      String actor,
      String text,
      String action,
      String target,
      Instant until,
      String reason,
      Map<String, Object> extra) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("action", action);
    metadata.put("actor", actor);
    if (target != null) {
      metadata.put("target", target);
    }
    if (until != null) {
      metadata.put("until", until.toString());
    }
    if (!reason.isEmpty()) {
      metadata.put("reason", reason);
    }
    metadata.putAll(extra);
    return new ChatMessage(
        UUID.randomUUID().toString(),
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        actor,
        text,
        MessageType.SYSTEM,
        now.get(),
        null,
        "",
        "",
        metadata,
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }
}
