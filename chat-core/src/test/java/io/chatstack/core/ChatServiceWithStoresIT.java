package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.testkit.db.TestDatabases;
import io.chatstack.testkit.db.TestMySql;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChatService} over the production stores (run's MySQL and MongoDB) with the memory bus. */
class ChatServiceWithStoresIT {
  private final MongoClient mongo = MongoClients.create(TestDatabases.mongo().connectionString());
  private final MessageStore store = new MongoMessageStore(mongo.getDatabase("chatstack_test"));
  private final ChatService chat =
      ChatService.builder()
          .roomRepository(
              JdbiRoomRepository.builder(TestDatabases.mysqlDataSource())
                  .initializeSchema(InitializeSchema.ALWAYS)
                  .build())
          .messageBus(new InMemoryMessageBus(store))
          .build();

  @AfterEach
  void close() {
    chat.close();
    mongo.close();
  }

  @Test
  void roomsMembershipAndHistoryGoThroughBothStores() {
    String content = "{\"$gt\": \"\"}'; DROP TABLE chat_rooms; --";
    Room room = chat.createRoom("ops ' \" `", "alice");
    chat.join(room.id(), "bob");
    ChatMessage sent = chat.send(room.id(), "bob", content, "retry-1").join();
    ChatMessage again = chat.send(room.id(), "bob", content, "retry-1").join();
    chat.leave(room.id(), "alice");

    assertThat(again).isEqualTo(sent);
    assertThat(chat.room(room.id()).participants()).containsExactly("bob");
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::type, ChatMessage::sender)
        .containsExactly(
            tuple(MessageType.JOIN, "alice"),
            tuple(MessageType.JOIN, "bob"),
            tuple(MessageType.CHAT, "bob"),
            tuple(MessageType.LEAVE, "alice"));
    assertThat(store.findByClientMsgId(room.id(), "retry-1")).contains(sent);
    assertThat(sent.content()).isEqualTo(content);
  }

  @Test
  void concurrentDirectRoomRequestsOnTwoNodesOpenOneRoom() throws Exception {
    // A second "node": its own repository object and pool over the same database.
    TestMySql mysql = TestDatabases.mysql();
    try (HikariDataSource pool = mysql.newDataSource(mysql.jdbcUrl(), 4, 30_000);
        ChatService other =
            ChatService.builder()
                .roomRepository(JdbiRoomRepository.builder(pool).build())
                .messageBus(new InMemoryMessageBus(store))
                .build()) {
      String a = "ann" + System.nanoTime();
      String b = "ben" + System.nanoTime();
      for (int round = 0; round < 5; round++) {
        String x = a + "r" + round;
        String y = b + "r" + round;
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<DirectRoom> onA =
            CompletableFuture.supplyAsync(() -> awaitThen(start, () -> chat.directRoom(x, y)));
        CompletableFuture<DirectRoom> onB =
            CompletableFuture.supplyAsync(() -> awaitThen(start, () -> other.directRoom(y, x)));
        start.countDown();
        DirectRoom first = onA.get(30, TimeUnit.SECONDS);
        DirectRoom second = onB.get(30, TimeUnit.SECONDS);
        assertThat(first.room().id()).isEqualTo(second.room().id());
        assertThat(first.created() ^ second.created()).as("exactly one created it").isTrue();
        assertThat(chat.room(first.room().id()).participants()).containsExactlyInAnyOrder(x, y);
        assertThat(chat.history(first.room().id(), HistoryQuery.latest(10)).messages())
            .extracting(ChatMessage::type)
            .containsExactly(MessageType.JOIN, MessageType.JOIN);
      }
    }
  }

  private static <T> T awaitThen(CountDownLatch start, java.util.function.Supplier<T> action) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return action.get();
  }
}
