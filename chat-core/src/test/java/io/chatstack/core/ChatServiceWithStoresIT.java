package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.testkit.db.TestDatabases;
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
          .messageStore(store)
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
}
