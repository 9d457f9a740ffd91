package io.chatstack.mongo;

import static io.chatstack.core.TestMessages.freshRoomId;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryQuery;
import io.chatstack.testkit.db.InProcessMongoServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A MongoDB outage and its end, on a private in-process server: it is stopped (open connections
 * drop, new ones are refused), then a new server is started on the same port. The in-memory server
 * starts empty again, so only availability is checked after the restart, not the old data.
 */
class MongoMessageStoreOutageIT {
  private InProcessMongoServer server = InProcessMongoServer.start();
  private final MongoClient client =
      MongoClients.create(
          MongoClientSettings.builder()
              .applyConnectionString(new ConnectionString(server.connectionString()))
              .applyToClusterSettings(c -> c.serverSelectionTimeout(3, TimeUnit.SECONDS))
              .applyToSocketSettings(s -> s.connectTimeout(1, TimeUnit.SECONDS))
              .build());

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  @Test
  void anOutageSurfacesAsUnavailableAndTheNextCallAfterItWorks() {
    MongoMessageStore store = new MongoMessageStore(client.getDatabase("outage"));
    long roomId = freshRoomId();
    assertThat(store.storeAll(List.of(stored(roomId, 1, "before")))).isEqualTo(1);

    int port = server.port();
    server.close();
    assertThatThrownBy(() -> store.storeAll(List.of(stored(roomId, 2, "during"))))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining(
            "Message store (MongoDB, collection chat_messages) failed to store 1 messages")
        .hasMessageContaining("check that MongoDB is reachable");
    assertThatThrownBy(() -> store.page(roomId, HistoryQuery.latest(10)))
        .isInstanceOf(ChatUnavailableException.class);

    server = InProcessMongoServer.start(port);
    assertThat(store.storeAll(List.of(stored(roomId, 3, "after")))).isEqualTo(1);
    assertThat(store.page(roomId, HistoryQuery.latest(10)).messages())
        .extracting(m -> m.content())
        .containsExactly("after");
  }
}
