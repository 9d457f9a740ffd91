package io.chatstack.spring.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.OfflineNotifier;
import io.chatstack.core.Room;
import io.chatstack.spring.ChatNotificationsAutoConfiguration;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * OfflineNotifier on the Kafka bus: called by the persister for offline participants, at most once
 * per user and room within the min-interval.
 */
class OfflineNotificationsKafkaIT {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void thePersisterNotifiesOfflineParticipantsOncePerInterval() {
    String run = UUID.randomUUID().toString();
    List<String> calls = new CopyOnWriteArrayList<>();
    OfflineNotifier notifier =
        (user, roomId, messages) ->
            calls.add(user + ":" + messages.stream().map(ChatMessage::content).toList());
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ChatKafkaAutoConfiguration.class,
                ChatstackAutoConfiguration.class,
                ChatNotificationsAutoConfiguration.class))
        .withBean(OfflineNotifier.class, () -> notifier)
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.partitions=1",
            "chatstack.kafka.messages-topic=offline-messages-" + run,
            "chatstack.kafka.events-topic=offline-events-" + run,
            "chatstack.kafka.signals-topic=offline-signals-" + run,
            "chatstack.kafka.persister-group-id=offline-" + run,
            "chatstack.notifications.min-interval=1h")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("team", "alice");
              chat.join(room.id(), "bob");
              chat.join(room.id(), "carol");
              chat.presence().connected("bob");
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(() -> chat.presence().snapshot(room.id()).count() == 1);
              chat.send(room.id(), "alice", "one").join();
              await().atMost(Duration.ofSeconds(30)).until(() -> !calls.isEmpty());
              ChatMessage two = chat.send(room.id(), "alice", "two").join();
              ChatMessage fromCarol = chat.send(room.id(), "carol", "three").join();
              // Once the persister has stored them, nothing more was notified within the hour,
              // except alice (offline too) about carol's message.
              await().atMost(Duration.ofSeconds(30)).until(() -> calls.contains("alice:[three]"));
              assertThat(two.seq()).isLessThan(fromCarol.seq());
              assertThat(calls).containsExactly("carol:[one]", "alice:[three]");
            });
  }
}
