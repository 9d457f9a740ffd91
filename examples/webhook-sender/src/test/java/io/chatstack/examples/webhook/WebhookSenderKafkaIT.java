package io.chatstack.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * On the Kafka bus, a receiver that answers 500 gets the same batch again (the persister retries)
 * and every acknowledged message is accepted at least once, identified by its id.
 */
class WebhookSenderKafkaIT {
  private static final String SECRET = "s3cret";
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
  void aBatchAnswered500IsSentAgainAndEveryMessageIsAcceptedAtLeastOnce() throws Exception {
    String run = UUID.randomUUID().toString();
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
      receiver.answerNext(500);
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatKafkaAutoConfiguration.class, ChatstackAutoConfiguration.class))
          .withUserConfiguration(WebhookSenderConfiguration.class)
          .withPropertyValues(
              "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
              "chatstack.kafka.partitions=1",
              "chatstack.kafka.messages-topic=webhook-messages-" + run,
              "chatstack.kafka.events-topic=webhook-events-" + run,
              "chatstack.kafka.persister-group-id=webhook-" + run,
              "chatstack.hooks.after-persist.initial-backoff=20ms",
              "webhook.url=" + receiver.url(),
              "webhook.secret=" + SECRET)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                ChatService chat = context.getBean(ChatService.class);
                Room room = chat.createRoom("webhooks", "alice");
                ChatMessage one = chat.send(room.id(), "alice", "one").join();
                ChatMessage two = chat.send(room.id(), "alice", "two").join();

                await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().containsAll(List.of(one.id(), two.id())));
                List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
                assertThat(deliveries).allMatch(WebhookReceiver.Delivery::signed);
                // The first POST was answered 500; the persister sent the same batch again.
                assertThat(deliveries.get(0).status()).isEqualTo(500);
                assertThat(deliveries.get(1).status()).isEqualTo(200);
                assertThat(deliveries.get(1).ids()).isEqualTo(deliveries.get(0).ids());
                // At least once, duplicates identifiable by id: the receiver kept each id once.
                List<String> accepted = receiver.accepted();
                assertThat(accepted).doesNotHaveDuplicates();
                assertThat(accepted.indexOf(one.id())).isLessThan(accepted.indexOf(two.id()));
              });
    }
  }
}
