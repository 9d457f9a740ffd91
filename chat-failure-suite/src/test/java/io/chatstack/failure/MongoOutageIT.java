package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.core.ChatMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB server stops mid-stream and restarts on the same port with its data: chat goes on
 * meanwhile (sends only need Kafka; a client subscribing during the outage catches up from the
 * Kafka log), and afterwards the persister catches up: every message acknowledged until the restart
 * reaches the store, and once the senders stop the store holds every message once.
 */
class MongoOutageIT {
  @Test
  void storeOutagePausesThePersisterAndItCatchesUp() {
    int phase = Profile.pick(150, 5_000);
    try (TwoNodeChat chat = new TwoNodeChat("mongo-outage", Profile.pick(3, 10), 2)) {
      chat.startTraffic(0);
      chat.awaitAcks(phase);
      // senders keep going throughout, so every store check is against a snapshot of the acks: a
      // check against all acks so far chases a moving target and may never see the store level
      List<ChatMessage> beforeStop = chat.ledger.ackedSnapshot();
      await()
          .atMost(TwoNodeChat.CONVERGE)
          .until(() -> chat.ledger.allStored(chat.cluster.store(), beforeStop));
      chat.cluster.mongo.stop();
      long stopped = System.nanoTime();
      int acksAtStop = chat.ledger.acks();
      // chat goes on without the store (a node waits for it at most once per 5 s: see
      // docs/failure-suite.md)
      chat.awaitAcks(acksAtStop + Profile.pick(30, 1_000));
      // a newcomer subscribes from the start of history while the store is down
      ChatClient late = chat.cluster.client("late", List.of(chat.b.uri(), chat.a.uri()));
      Rooms.joinAndSubscribe(late, "late", chat.rooms, chat.ledger);
      chat.phase("late subscriber in");
      long outageMillis = (System.nanoTime() - stopped) / 1_000_000;
      chat.cluster.mongo.start();
      long cleared = System.nanoTime();
      List<ChatMessage> untilRestart = chat.ledger.ackedSnapshot();
      await()
          .atMost(TwoNodeChat.CONVERGE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> chat.ledger.allStored(chat.cluster.store(), untilRestart));
      long catchUpMillis = (System.nanoTime() - cleared) / 1_000_000;
      chat.phase("store caught up");
      chat.awaitAcks(chat.ledger.acks() + phase / 2);
      chat.finish(
          "MongoDB stop and restart (persister catches up)",
          "outage "
              + outageMillis
              + " ms with "
              + (chat.ledger.acks() - acksAtStop)
              + " sends acknowledged meanwhile; persister caught up "
              + catchUpMillis
              + " ms after the restart");
    }
  }
}
