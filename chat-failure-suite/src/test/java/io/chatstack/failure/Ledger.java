package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.chatstack.core.ChatMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Recorder;
import org.bson.Document;

/**
 * Records every acknowledged send and every delivery of a scenario, and checks the guarantee: every
 * acknowledged message is delivered to every subscriber of its room exactly once, in seq order, and
 * is in the store once. Subscribers subscribe from the start of their room's history ({@code
 * since-seq -1}), so every acknowledged message of the room is expected. Thread-safe.
 */
final class Ledger {
  /** One message as a subscriber saw it. */
  record Seen(String id, long seq, String clientMsgId) {}

  /** What one subscriber (a connection's subscription to one room) received, in order. */
  static final class Subscriber {
    final String name;
    final long roomId;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Recorder latency;

    private Subscriber(String name, long roomId, Recorder latency) {
      this.name = name;
      this.roomId = roomId;
      this.latency = latency;
    }

    /** Records a delivery; {@code latencyMillis} from server acceptance, -1 when unknown. */
    void record(String id, long seq, String clientMsgId, long latencyMillis) {
      seen.add(new Seen(id, seq, clientMsgId));
      ids.add(id);
      if (latencyMillis >= 0) {
        latency.recordValue(latencyMillis);
      }
    }

    void record(ChatMessage m) {
      record(
          m.id(),
          m.seq(),
          m.clientMsgId(),
          Math.max(0, System.currentTimeMillis() - m.timestamp().toEpochMilli()));
    }

    long lastSeq() {
      return seen.isEmpty() ? -1 : seen.get(seen.size() - 1).seq();
    }

    int count() {
      return seen.size();
    }

    boolean hasAll(Collection<ChatMessage> acks) {
      for (ChatMessage ack : acks) {
        if (!ids.contains(ack.id())) {
          return false;
        }
      }
      return true;
    }

    /** The seqs of {@code acks} this subscriber has not seen. */
    List<Long> missingSeqs(Collection<ChatMessage> acks) {
      return acks.stream().filter(m -> !ids.contains(m.id())).map(ChatMessage::seq).toList();
    }
  }

  private final Map<String, ChatMessage> acked = new ConcurrentHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Set<Long> rooms = ConcurrentHashMap.newKeySet();
  private final List<String> inconsistencies = new CopyOnWriteArrayList<>();
  final Recorder latency = new Recorder(3);

  /** A send's future completed with {@code stored}. */
  void acked(ChatMessage stored) {
    rooms.add(stored.roomId());
    ChatMessage before = acked.putIfAbsent(stored.clientMsgId(), stored);
    if (before != null && (!before.id().equals(stored.id()) || before.seq() != stored.seq())) {
      inconsistencies.add(
          "clientMsgId " + stored.clientMsgId() + " acked as " + before + " and " + stored);
    }
  }

  Subscriber subscriber(String name, long roomId) {
    rooms.add(roomId);
    Subscriber s = new Subscriber(name, roomId, latency);
    subscribers.add(s);
    return s;
  }

  int acks() {
    return acked.size();
  }

  long deliveries() {
    return subscribers.stream().mapToLong(Subscriber::count).sum();
  }

  List<ChatMessage> ackedSnapshot() {
    return List.copyOf(acked.values());
  }

  /** Whether every subscriber has every message in {@code acks} of its room. */
  boolean allDelivered(Collection<ChatMessage> acks) {
    Map<Long, List<ChatMessage>> byRoom = byRoom(acks);
    for (Subscriber s : subscribers) {
      if (!s.hasAll(byRoom.getOrDefault(s.roomId, List.of()))) {
        return false;
      }
    }
    return true;
  }

  boolean allDelivered() {
    return allDelivered(acked.values());
  }

  /**
   * Which subscribers lack which of {@code acks} (of their room): how many, and the first few with
   * the seqs they lack, for a failure message.
   */
  String undelivered(Collection<ChatMessage> acks) {
    Map<Long, List<ChatMessage>> byRoom = byRoom(acks);
    List<String> lacking = new ArrayList<>();
    for (Subscriber s : subscribers) {
      List<Long> missing = s.missingSeqs(byRoom.getOrDefault(s.roomId, List.of()));
      if (!missing.isEmpty()) {
        lacking.add(s.name + " (room " + s.roomId + ") lacks seqs " + missing);
      }
    }
    return lacking.size()
        + " of "
        + subscribers.size()
        + " subscribers lack acknowledged messages"
        + (lacking.isEmpty() ? "" : ": " + lacking.subList(0, Math.min(5, lacking.size())));
  }

  /**
   * Whether the store holds every message acknowledged so far. The acknowledgements are taken
   * before the store is read, so messages acknowledged while it is read are not counted against it;
   * while senders run, prefer {@link #allStored(MongoDatabase, Collection)} with a snapshot.
   */
  boolean allStored(MongoDatabase store) {
    return allStored(store, ackedSnapshot());
  }

  /** Whether the store holds every message in {@code acks} (e.g. an {@link #ackedSnapshot()}). */
  boolean allStored(MongoDatabase store, Collection<ChatMessage> acks) {
    Set<String> storedIds = new HashSet<>();
    for (Document d : documents(store)) {
      storedIds.add(d.getString("clientMsgId"));
    }
    return acks.stream().map(ChatMessage::clientMsgId).allMatch(storedIds::contains);
  }

  /** The guarantee, asserted. Call once everything has converged (allDelivered, allStored). */
  void check(MongoDatabase store) {
    assertThat(inconsistencies).as("acks of one clientMsgId that disagree").isEmpty();
    assertThat(acked).as("acknowledged sends").isNotEmpty();
    Map<Long, List<ChatMessage>> byRoom = byRoom(acked.values());
    for (Subscriber s : subscribers) {
      List<Seen> seen = List.copyOf(s.seen);
      List<Long> seqs = seen.stream().map(Seen::seq).toList();
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i))
            .as(
                "%s in room %d: seq order (no duplicate, nothing out of order) at #%d",
                s.name, s.roomId, i)
            .isGreaterThan(seqs.get(i - 1));
      }
      assertThat(seen).extracting(Seen::id).as("%s: message ids", s.name).doesNotHaveDuplicates();
      Map<String, Long> seqById = new HashMap<>();
      seen.forEach(x -> seqById.put(x.id(), x.seq()));
      for (ChatMessage ack : byRoom.getOrDefault(s.roomId, List.of())) {
        assertThat(seqById.get(ack.id()))
            .as("%s in room %d: acknowledged %s delivered with its seq", s.name, s.roomId, ack)
            .isEqualTo(ack.seq());
      }
    }
    Map<String, Integer> copies = new HashMap<>();
    Set<String> roomSeqs = new HashSet<>();
    for (Document d : documents(store)) {
      copies.merge(d.getString("clientMsgId"), 1, Integer::sum);
      assertThat(roomSeqs.add(d.get("roomId") + "/" + d.get("seq")))
          .as("(roomId, seq) stored once: %s", d)
          .isTrue();
    }
    for (ChatMessage ack : acked.values()) {
      assertThat(copies.get(ack.clientMsgId())).as("copies of %s in the store", ack).isEqualTo(1);
    }
  }

  private List<Document> documents(MongoDatabase store) {
    return store
        .getCollection("chat_messages")
        .find(Filters.in("roomId", new ArrayList<>(rooms)))
        .into(new ArrayList<>());
  }

  private static Map<Long, List<ChatMessage>> byRoom(Collection<ChatMessage> acks) {
    Map<Long, List<ChatMessage>> byRoom = new HashMap<>();
    for (ChatMessage m : acks) {
      byRoom.computeIfAbsent(m.roomId(), k -> new ArrayList<>()).add(m);
    }
    return byRoom;
  }
}
