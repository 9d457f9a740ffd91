package io.chatstack.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a client shows of a room: the messages it received, with the change records applied by the
 * rule of {@link ChatMessage} (skip a change at or below the target's lastChangeSeq, or on a
 * deleted target; ignore an unknown target). Records may come live, from a since-seq replay or from
 * history, in any mix, as a reconnecting client gets them. Not thread-safe.
 */
public final class RoomView {
  private final Map<String, ChatMessage> byId = new LinkedHashMap<>();
  private final Map<String, Map<String, Set<String>>> reactions = new LinkedHashMap<>();

  /** A view of these records, applied in order. */
  public static RoomView of(List<ChatMessage> records) {
    RoomView view = new RoomView();
    records.forEach(view::apply);
    return view;
  }

  /** Applies one record: a message (as it comes, in its current state) or a change record. */
  public void apply(ChatMessage record) {
    if (!record.isChange()) {
      ChatMessage held = byId.get(record.id());
      if (held != null && held.lastChangeSeq() > record.lastChangeSeq()) {
        return;
      }
      byId.put(record.id(), record);
      Map<String, Set<String>> users = new LinkedHashMap<>();
      record.reactions().forEach((emoji, r) -> users.put(emoji, new LinkedHashSet<>(r.users())));
      reactions.put(record.id(), users);
      return;
    }
    ChatMessage target = byId.get(record.targetId());
    if (target == null || target.deleted() || record.seq() <= target.lastChangeSeq()) {
      return;
    }
    switch (record.type()) {
      case EDIT ->
          byId.put(
              target.id(),
              state(
                  target,
                  record.content(),
                  target.metadata(),
                  Optional.of(record.timestamp()),
                  false,
                  target.reactions(),
                  record.seq()));
      case DELETE -> {
        reactions.get(target.id()).clear();
        byId.put(
            target.id(),
            state(target, "", Map.of(), target.editedAt(), true, Map.of(), record.seq()));
      }
      case REACTION -> {
        Map<String, Set<String>> users = reactions.get(target.id());
        Set<String> who = users.computeIfAbsent(record.content(), e -> new LinkedHashSet<>());
        if (record.reactionAdded()) {
          who.add(record.sender());
        } else {
          who.remove(record.sender());
        }
        if (who.isEmpty()) {
          users.remove(record.content());
        }
        Map<String, Reaction> counted = new LinkedHashMap<>();
        users.forEach(
            (emoji, set) ->
                counted.put(
                    emoji,
                    new Reaction(set.size(), set.stream().limit(Reaction.MAX_USERS).toList())));
        byId.put(
            target.id(),
            state(
                target,
                target.content(),
                target.metadata(),
                target.editedAt(),
                false,
                counted,
                record.seq()));
      }
      default -> throw new IllegalStateException("not a change: " + record);
    }
  }

  /** The messages in their current state, ascending by seq. */
  public List<ChatMessage> messages() {
    List<ChatMessage> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparingLong(ChatMessage::seq));
    return all;
  }

  /** The message with this id in its current state. */
  public ChatMessage get(String id) {
    return byId.get(id);
  }

  private static ChatMessage state(
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
