package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker fails on each kind of violation it claims to catch. */
class LedgerTest {
  private RestartableMongo mongo;
  private MongoClient client;
  private MongoDatabase store;
  private final Ledger ledger = new Ledger();

  @BeforeEach
  void start() {
    mongo = new RestartableMongo();
    client = MongoClients.create(mongo.uri());
    store = client.getDatabase("ledger");
  }

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  private static ChatMessage message(long seq) {
    return new ChatMessage(
        "id" + seq, 7, seq, "alice", "m" + seq, MessageType.CHAT, Instant.now(), "c" + seq);
  }

  private void stored(long... seqs) {
    for (long seq : seqs) {
      store
          .getCollection("chat_messages")
          .insertOne(
              new Document("roomId", 7L).append("seq", seq).append("clientMsgId", "c" + seq));
    }
  }

  @Test
  void passesWhenEverythingArrivedOnceInOrder() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    for (long seq = 1; seq <= 3; seq++) {
      ledger.acked(message(seq));
      bob.record(message(seq));
    }
    stored(1, 2, 3);
    assertThat(ledger.allDelivered()).isTrue();
    assertThat(ledger.allStored(store)).isTrue();
    assertThatCode(() -> ledger.check(store)).doesNotThrowAnyException();
  }

  @Test
  void aLostMessageFails() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    ledger.acked(message(1));
    ledger.acked(message(2));
    bob.record(message(1));
    stored(1, 2);
    assertThat(ledger.allDelivered()).isFalse();
    assertThatThrownBy(() -> ledger.check(store)).hasMessageContaining("delivered with its seq");
  }

  @Test
  void aDuplicateFails() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    ledger.acked(message(1));
    bob.record(message(1));
    bob.record(message(1));
    stored(1);
    assertThatThrownBy(() -> ledger.check(store)).hasMessageContaining("seq order");
  }

  @Test
  void outOfOrderFails() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    ledger.acked(message(1));
    ledger.acked(message(2));
    bob.record(message(2));
    bob.record(message(1));
    stored(1, 2);
    assertThatThrownBy(() -> ledger.check(store)).hasMessageContaining("seq order");
  }

  @Test
  void aMessageMissingFromTheStoreFails() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    ledger.acked(message(1));
    ledger.acked(message(2));
    bob.record(message(1));
    bob.record(message(2));
    stored(1);
    assertThat(ledger.allStored(store)).isFalse();
    assertThatThrownBy(() -> ledger.check(store)).hasMessageContaining("copies of");
  }

  @Test
  void aSnapshotOfAcksIsCheckedAgainstTheStoreWithoutLaterAcks() {
    ledger.acked(message(1));
    List<ChatMessage> snapshot = ledger.ackedSnapshot();
    ledger.acked(message(2));
    stored(1);
    assertThat(ledger.allStored(store, snapshot)).isTrue();
    assertThat(ledger.allStored(store)).isFalse();
    assertThat(ledger.allStored(store, List.of(message(3)))).isFalse();
  }

  @Test
  void twoAcknowledgementsOfOneClientMsgIdThatDisagreeFail() {
    Ledger.Subscriber bob = ledger.subscriber("bob", 7);
    ledger.acked(message(1));
    ChatMessage other =
        new ChatMessage("other", 7, 5, "alice", "m1", MessageType.CHAT, Instant.now(), "c1");
    ledger.acked(other);
    bob.record(message(1));
    stored(1);
    assertThatThrownBy(() -> ledger.check(store)).hasMessageContaining("disagree");
  }

  @Test
  void theStoreSurvivesARestart() {
    stored(1);
    mongo.stop();
    mongo.start();
    assertThat(store.getCollection("chat_messages").countDocuments()).isEqualTo(1);
  }
}
