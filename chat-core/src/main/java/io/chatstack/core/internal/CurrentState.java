package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.Reaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that turns a message and the change records after it into its current state (see {@link
 * ChatMessage}), for the stores. Stateless, thread-safe.
 */
public final class CurrentState {
  private CurrentState() {}

  /**
   * Whether {@code change} applies to {@code target}: a change record newer than the last change
   * the target reflects, to a message that is not deleted.
   */
  public static boolean applies(ChatMessage target, ChatMessage change) {
    return change.isChange()
        && !target.deleted()
        && !target.isChange()
        && change.seq() > target.lastChangeSeq();
  }

  /** {@code target} with the EDIT {@code change} applied: its content, edited at its time. */
  public static ChatMessage edited(ChatMessage target, ChatMessage change) {
    return copy(
        target,
        change.content(),
        target.metadata(),
        Optional.of(change.timestamp()),
        false,
        target.reactions(),
        change.seq());
  }

  /**
   * {@code target} as a tombstone: content and metadata removed, no reactions, id and seq kept;
   * {@code changeSeq} becomes its last change (0 keeps the current one, as erasure does).
   */
  public static ChatMessage tombstone(ChatMessage target, long changeSeq) {
    return copy(
        target,
        "",
        Map.of(),
        target.editedAt(),
        true,
        Map.of(),
        changeSeq > 0 ? changeSeq : target.lastChangeSeq());
  }

  /** {@code target} with these reactions and last change. */
  public static ChatMessage withReactions(
      ChatMessage target, Map<String, Reaction> reactions, long changeSeq) {
    return copy(
        target,
        target.content(),
        target.metadata(),
        target.editedAt(),
        target.deleted(),
        reactions,
        changeSeq);
  }

  /** An EDIT record with its content removed (erasure). */
  public static ChatMessage blanked(ChatMessage edit) {
    return copy(
        edit,
        "",
        Map.of(),
        edit.editedAt(),
        edit.deleted(),
        edit.reactions(),
        edit.lastChangeSeq());
  }

  /**
   * The history form of per-emoji user sets (in the order users reacted): exact counts, at most
   * {@link Reaction#MAX_USERS} names each; emoji without users are left out.
   */
  public static Map<String, Reaction> reactions(Map<String, ? extends Collection<String>> users) {
    Map<String, Reaction> out = new LinkedHashMap<>();
    users.forEach(
        (emoji, names) -> {
          if (!names.isEmpty()) {
            List<String> some = new ArrayList<>(Reaction.MAX_USERS);
            for (String name : names) {
              if (some.size() == Reaction.MAX_USERS) {
                break;
              }
              some.add(name);
            }
            out.put(emoji, new Reaction(names.size(), some));
          }
        });
    return out;
  }

  /** Adds or removes the REACTION {@code change}'s sender in {@code users}' set of its emoji. */
  public static void react(Map<String, Set<String>> users, ChatMessage change) {
    if (change.type() != MessageType.REACTION) {
      throw new IllegalArgumentException("not a REACTION record: " + change.type());
    }
    if (change.reactionAdded()) {
      users
          .computeIfAbsent(change.content(), e -> new java.util.LinkedHashSet<>())
          .add(change.sender());
    } else {
      Set<String> set = users.get(change.content());
      if (set != null) {
        set.remove(change.sender());
        if (set.isEmpty()) {
          users.remove(change.content());
        }
      }
    }
  }

  /**
   * {@code target} with the change record {@code change} applied (the caller checked {@link
   * #applies}): an EDIT, a DELETE or a REACTION. {@code users} are the target's complete per-emoji
   * reaction sets; a REACTION updates them in place, a DELETE empties them.
   */
  public static ChatMessage applied(
      ChatMessage target, ChatMessage change, Map<String, Set<String>> users) {
    return switch (change.type()) {
      case EDIT -> edited(target, change);
      case DELETE -> {
        users.clear();
        yield tombstone(target, change.seq());
      }
      default -> {
        react(users, change);
        yield withReactions(target, reactions(users), change.seq());
      }
    };
  }

  /**
   * The complete per-emoji user sets of a message in its current state, or empty when some emoji
   * has more users than {@link Reaction#users()} lists (history keeps at most {@link
   * Reaction#MAX_USERS} names), so that the sets cannot be known from the message alone.
   */
  public static Optional<Map<String, Set<String>>> reactionUsers(ChatMessage message) {
    Map<String, Set<String>> users = new LinkedHashMap<>();
    for (Map.Entry<String, Reaction> e : message.reactions().entrySet()) {
      Reaction reaction = e.getValue();
      if (reaction.count() != reaction.users().size()) {
        return Optional.empty();
      }
      users.put(e.getKey(), new java.util.LinkedHashSet<>(reaction.users()));
    }
    return Optional.of(users);
  }

  private static ChatMessage copy(
      ChatMessage m,
      String content,
      Map<String, Object> metadata,
      Optional<java.time.Instant> editedAt,
      boolean deleted,
      Map<String, Reaction> reactions,
      long lastChangeSeq) {
    return new ChatMessage(
        m.id(),
        m.roomId(),
        m.seq(),
        m.sender(),
        content,
        m.type(),
        m.timestamp(),
        m.clientMsgId(),
        m.targetId(),
        m.replyTo(),
        metadata,
        editedAt,
        deleted,
        reactions,
        lastChangeSeq);
  }
}
