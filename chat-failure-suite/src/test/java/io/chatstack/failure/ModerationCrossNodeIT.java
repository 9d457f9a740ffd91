package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.ModerationAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two node processes: a ban issued on node a ends the banned user's live subscription on node b
 * within a second (the SYSTEM ban message is the last thing it receives), and their rejoin is
 * refused with {@code banned} on both nodes until the ban is lifted.
 */
class ModerationCrossNodeIT {

  @Test
  void aBanOnOneNodeEndsTheSubscriptionOnTheOtherAndRefusesTheRejoinEverywhere() throws Exception {
    try (Cluster cluster = new Cluster("moderation")) {
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      ChatClient alice = cluster.client("alice", List.of(a.uri()));
      ChatClient bobOnA = cluster.client("bob", List.of(a.uri()));
      ChatClient bobOnB = cluster.client("bob", List.of(b.uri()));
      long room = alice.createRoom("moderation").id();
      bobOnB.join(room);

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
      alice.send(room, "before").join();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> bobSaw.stream().anyMatch(m -> m.content().equals("before")));

      long banned = System.nanoTime();
      alice.moderate(room, ModerationAction.BAN, "bob", Optional.empty(), "spam");
      await().atMost(Duration.ofSeconds(1)).until(() -> revokedAt.get() != 0);
      long millis = Duration.ofNanos(revokedAt.get() - banned).toMillis();
      assertThat(bobs.isActive()).isFalse();
      ChatMessage last = bobSaw.get(bobSaw.size() - 1);
      assertThat(last.type()).isEqualTo(MessageType.SYSTEM);
      assertThat(last.metadata()).containsEntry("action", "ban").containsEntry("target", "bob");

      for (ChatClient bob : List.of(bobOnA, bobOnB)) {
        assertThatThrownBy(() -> bob.join(room))
            .isInstanceOfSatisfying(
                ChatClientException.class, e -> assertThat(e.code()).isEqualTo("banned"));
      }
      alice.moderate(room, ModerationAction.UNBAN, "bob", Optional.empty(), "");
      bobOnB.join(room);
      System.out.printf(
          "[failure-suite] moderation: node b ended bob's subscription %d ms after the ban on"
              + " node a began%n",
          millis);
    }
  }
}
