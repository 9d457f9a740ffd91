package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageType;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read state of the users followed on this node, kept exact as messages arrive: per user their
 * rooms with {@code lastReadSeq}, unread count and the highest seq already accounted for; per room
 * one bus tap shared by every local follower, closed when nobody needs the room any more.
 *
 * <p>A follower stops following a room at their removal (room event LEFT, or their LEAVE, kick or
 * ban read from the room's tap, whichever comes first).
 *
 * <p>Exactness: a room's tap opens before its messages are counted, and the count pages through
 * {@link MessageBus#since} up to the last seq it saw; live messages at or below that seq are
 * already counted and skipped, newer ones raise the count. Not thread-safe: confined to the read
 * state worker thread; the taps hand messages to {@code worker}.
 */
final class UnreadTracker {
  private static final Logger LOG = LoggerFactory.getLogger(UnreadTracker.class);

  private final SignalContext context;
  private final Executor worker;
  private final Map<String, Follow> users = new HashMap<>();
  private final Map<Long, Tap> taps = new HashMap<>();

  UnreadTracker(SignalContext context, Executor worker) {
    this.context = context;
    this.worker = worker;
  }

  /** Adds a listener of the user; the first one starts following all the user's rooms. */
  void follow(String user, Consumer<ReadState> listener) {
    Follow existing = users.get(user);
    if (existing != null) {
      existing.listeners.add(listener);
      return;
    }
    Follow follow = new Follow();
    follow.listeners.add(listener);
    users.put(user, follow);
    try {
      Map<Long, Long> reads = context.readStates().findAll(user);
      List<Long> rooms = new ArrayList<>();
      for (RoomSummary room : context.rooms().findByParticipant(user)) {
        rooms.add(room.id());
        Position position = new Position(reads.getOrDefault(room.id(), ReadState.NOTHING_READ));
        follow.rooms.put(room.id(), position);
        tap(room.id()).followers.add(user);
      }
      for (long roomId : rooms) {
        recount(user, roomId, follow.rooms.get(roomId));
      }
    } catch (RuntimeException e) {
      unfollow(user, listener);
      throw e;
    }
  }

  /** Removes a listener; with the user's last one the user's taps are released. */
  void unfollow(String user, Consumer<ReadState> listener) {
    Follow follow = users.get(user);
    if (follow == null || !follow.listeners.remove(listener) || !follow.listeners.isEmpty()) {
      return;
    }
    users.remove(user);
    for (long roomId : follow.rooms.keySet()) {
      release(roomId, user);
    }
  }

  /**
   * The user's {@code lastReadSeq} in the room is at least {@code seq}. {@code signal}: a READ
   * signal, followed only when the user is a participant, and always pushed (even unchanged, as it
   * may be a mark stored before following began); otherwise a JOIN, pushed when the room is new to
   * the follower or the position moved. A room not followed yet is followed from now on.
   */
  void read(String user, long roomId, long seq, boolean signal) {
    Follow follow = users.get(user);
    if (follow == null) {
      return;
    }
    Position position = follow.rooms.get(roomId);
    boolean changed = true;
    if (position == null) {
      if (signal && !isParticipant(roomId, user)) {
        return;
      }
      position = new Position(context.readStates().find(roomId, user));
      follow.rooms.put(roomId, position);
      tap(roomId).followers.add(user);
      position.lastRead = Math.max(position.lastRead, seq);
      recount(user, roomId, position);
    } else if (seq > position.lastRead) {
      position.lastRead = seq;
      recount(user, roomId, position);
    } else {
      changed = false;
    }
    if (changed || signal) {
      push(follow, new ReadState(roomId, user, position.lastRead, position.unread));
    }
  }

  /** The user left the room: it is not followed any more. */
  void left(String user, long roomId) {
    Follow follow = users.get(user);
    if (follow != null && follow.rooms.remove(roomId) != null) {
      release(roomId, user);
    }
  }

  /** The room event LEFT: the user is not followed in the room any more, unless back already. */
  void leftUnlessBack(String user, long roomId) {
    if (users.containsKey(user) && !isParticipantNow(roomId, user)) {
      left(user, roomId);
    }
  }

  /** The room was deleted: nobody follows it any more. */
  void deleted(long roomId) {
    Tap tap = taps.get(roomId);
    if (tap != null) {
      for (String user : List.copyOf(tap.followers)) {
        left(user, roomId);
      }
    }
  }

  /** A live message of a tapped room: raises the unread count of followers it is new to. */
  void message(ChatMessage message) {
    Tap tap = taps.get(message.roomId());
    if (tap == null) {
      return;
    }
    for (String user : List.copyOf(tap.followers)) {
      Follow follow = users.get(user);
      Position position = follow == null ? null : follow.rooms.get(message.roomId());
      if (position == null || message.seq() <= position.counted) {
        continue;
      }
      position.counted = message.seq();
      if (message.endsMembershipOf(user)) {
        // Their removal, read from the room's own log: stop following even if the room event
        // saying so was lost (its publish failed), so no count of the room reaches them any more;
        // unless they are back already (a JOIN event may overtake this record: other topic). A
        // deletion ends it for everyone (its record is published before the room is deleted).
        if ("delete".equals(message.metadata().get("action"))
            || !isParticipantNow(message.roomId(), user)) {
          left(user, message.roomId());
        }
        continue;
      }
      if (message.type() == MessageType.CHAT
          && !message.sender().equals(user)
          && message.seq() > position.lastRead) {
        position.unread++;
        push(follow, new ReadState(message.roomId(), user, position.lastRead, position.unread));
      }
    }
  }

  /** Whether the user has listeners here. */
  boolean follows(String user) {
    return users.containsKey(user);
  }

  /** Rooms with an open tap (for tests). */
  Set<Long> tappedRooms() {
    return new HashSet<>(taps.keySet());
  }

  /** Closes every tap and forgets everyone. */
  void close() {
    taps.values().forEach(t -> t.subscription.close());
    taps.clear();
    users.clear();
  }

  private void recount(String user, long roomId, Position position) {
    long count = 0;
    long last = position.lastRead;
    while (true) {
      List<ChatMessage> page = context.bus().since(roomId, last, MessageBus.COUNT_PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (ChatMessage m : page) {
        if (m.type() == MessageType.CHAT && !m.sender().equals(user)) {
          count++;
        }
      }
      last = page.get(page.size() - 1).seq();
    }
    position.unread = count;
    position.counted = Math.max(position.counted, last);
  }

  /** The user's membership read fresh; false also when it cannot be read (no counts then). */
  private boolean isParticipantNow(long roomId, String user) {
    try {
      return context.freshRoom().apply(roomId).hasParticipant(user);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean isParticipant(long roomId, String user) {
    try {
      return context.cachedRoom().apply(roomId).hasParticipant(user)
          || context.freshRoom().apply(roomId).hasParticipant(user);
    } catch (RoomNotFoundException e) {
      return false;
    }
  }

  private Tap tap(long roomId) {
    Tap tap = taps.get(roomId);
    if (tap == null) {
      Subscription subscription =
          context.bus().subscribe(roomId, m -> worker.execute(() -> message(m)));
      tap = new Tap(subscription);
      taps.put(roomId, tap);
    }
    return tap;
  }

  private void release(long roomId, String user) {
    Tap tap = taps.get(roomId);
    if (tap != null && tap.followers.remove(user) && tap.followers.isEmpty()) {
      taps.remove(roomId);
      tap.subscription.close();
    }
  }

  private static void push(Follow follow, ReadState state) {
    for (Consumer<ReadState> listener : List.copyOf(follow.listeners)) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        LOG.warn("Read state listener failed on room {}", state.roomId(), e);
      }
    }
  }

  private static final class Follow {
    final Set<Consumer<ReadState>> listeners = new LinkedHashSet<>();
    final Map<Long, Position> rooms = new HashMap<>();
  }

  private static final class Position {
    long lastRead;
    long unread;

    /** Highest seq already reflected in {@link #unread}. */
    long counted;

    Position(long lastRead) {
      this.lastRead = lastRead;
      this.counted = lastRead;
    }
  }

  private static final class Tap {
    final Subscription subscription;
    final Set<String> followers = new HashSet<>();

    Tap(Subscription subscription) {
      this.subscription = subscription;
    }
  }
}
