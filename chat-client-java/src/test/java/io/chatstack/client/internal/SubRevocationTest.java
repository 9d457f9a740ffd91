package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * A revocation ends delivery in turn: the messages the server sent before the notice (the user's
 * own LEAVE) still reach the listener when the listener executor is behind; a close ends it at
 * once.
 */
class SubRevocationTest {
  private final Queue<Runnable> executor = new ArrayDeque<>();
  private final List<String> seen = new ArrayList<>();
  private final RoomSub sub =
      new RoomSub(
          executor::add,
          s -> seen.add("unsubscribed"),
          "sub-1",
          7,
          -1,
          new RoomListener() {
            @Override
            public void onMessage(ChatSubscription s, ChatMessage m) {
              seen.add(m.content());
            }

            @Override
            public void onRevoked(ChatSubscription s) {
              seen.add("revoked, active=" + s.isActive());
            }
          });

  @Test
  void messagesQueuedBeforeTheRevocationAreDeliveredThenTheListenerIsTold() {
    sub.offer(message(1, "before"));
    sub.offer(message(2, "bob left the room"));
    assertThat(sub.revoke()).isTrue();
    sub.tellRevoked();
    assertThat(sub.isActive()).isFalse();
    assertThat(sub.revoke()).isFalse();
    sub.offer(message(3, "after"));
    runAll();
    assertThat(seen).containsExactly("before", "bob left the room", "revoked, active=false");
  }

  @Test
  void closingEndsDeliveryAtOnce() {
    sub.offer(message(1, "before"));
    sub.close();
    sub.tellRevoked();
    runAll();
    assertThat(seen).containsExactly("unsubscribed");
  }

  private void runAll() {
    for (Runnable r = executor.poll(); r != null; r = executor.poll()) {
      r.run();
    }
  }

  private static ChatMessage message(long seq, String content) {
    return new ChatMessage(
        "m" + seq, 7, seq, "bob", content, MessageType.CHAT, Instant.EPOCH, null);
  }
}
