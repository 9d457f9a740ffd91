package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two node processes: a user who leaves a room on node a loses the live subscription they hold on
 * node b within a second, receives nothing of the room after their LEAVE, and the client does not
 * subscribe again.
 */
class RevocationIT {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void aLeaveOnOneNodeEndsTheSubscriptionOnTheOtherWithinOneSecond() throws Exception {
    try (Cluster cluster = new Cluster("revocation")) {
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      ChatClient alice = cluster.client("alice", List.of(a.uri()));
      ChatClient bobOnB = cluster.client("bob", List.of(b.uri()));
      ChatClient bobOnA = cluster.client("bob", List.of(a.uri()));
      long room = alice.createRoom("revocation").id();
      bobOnA.join(room);
      // A raw subscriber of bob's on node b as well: it drops nothing itself, so what it records
      // is what the server sent.
      Ledger.Subscriber raw = new Ledger().subscriber("bob-raw", room);
      RawStompClient rawBob =
          new RawStompClient(
                  HttpClient.newHttpClient(), List.of(b.uri()), "bob", room, raw, scheduler)
              .reconnect(false);
      rawBob.connect().get(30, TimeUnit.SECONDS);

      List<ChatMessage> bobSaw = new CopyOnWriteArrayList<>();
      AtomicLong revokedAt = new AtomicLong();
      ChatSubscription bobs =
          bobOnB.subscribe(
              room,
              -1,
              new RoomListener() {
                @Override
                public void onMessage(ChatSubscription s, ChatMessage m) {
                  bobSaw.add(m);
                }

                @Override
                public void onRevoked(ChatSubscription s) {
                  revokedAt.set(System.nanoTime());
                }
              });
      ChatClient carolOnB = cluster.client("carol", List.of(b.uri()));
      carolOnB.join(room);
      List<ChatMessage> carolSaw = new CopyOnWriteArrayList<>();
      carolOnB.subscribe(
          room,
          -1,
          new RoomListener() {
            @Override
            public void onMessage(ChatSubscription s, ChatMessage m) {
              carolSaw.add(m);
            }
          });
      List<ChatMessage> aliceSaw = new CopyOnWriteArrayList<>();
      alice.subscribe(
          room,
          -1,
          new RoomListener() {
            @Override
            public void onMessage(ChatSubscription s, ChatMessage m) {
              aliceSaw.add(m);
            }
          });
      alice.send(room, "before").join();
      await().atMost(Duration.ofSeconds(30)).until(() -> contents(bobSaw).contains("before"));

      long left = System.nanoTime();
      bobOnA.leave(room);
      await().atMost(Duration.ofSeconds(1)).until(() -> revokedAt.get() != 0);
      long millis = Duration.ofNanos(revokedAt.get() - left).toMillis();
      assertThat(bobs.isActive()).isFalse();

      alice.send(room, "after the leave").join();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> contents(aliceSaw).contains("after the leave"));
      assertThat(contents(bobSaw)).doesNotContain("after the leave");
      ChatMessage last = bobSaw.get(bobSaw.size() - 1);
      assertThat(last.type()).isEqualTo(MessageType.LEAVE);
      assertThat(last.sender()).isEqualTo("bob");
      long leaveSeq = last.seq();
      assertThat(bobSaw).allMatch(m -> m.seq() <= leaveSeq);
      // carol, on node b too, got the later message: node b's fan-out passed it by the raw one.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> contents(carolSaw).contains("after the leave"));
      await().atMost(Duration.ofSeconds(30)).until(() -> raw.lastSeq() >= leaveSeq);
      assertThat(raw.lastSeq())
          .as("the server sent the raw subscriber nothing after the LEAVE")
          .isEqualTo(leaveSeq);
      rawBob.close();
      System.out.printf(
          "[failure-suite] revocation: node b ended bob's subscription %d ms after his leave on"
              + " node a began%n",
          millis);
    }
  }

  private static List<String> contents(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::content).toList();
  }
}
