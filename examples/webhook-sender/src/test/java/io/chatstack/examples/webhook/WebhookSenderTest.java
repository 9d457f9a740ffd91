package io.chatstack.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.PersistListener;
import io.chatstack.core.Room;
import io.chatstack.spring.ChatstackAutoConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The webhook sender on the in-memory bus: every stored message reaches the receiver, signed. */
class WebhookSenderTest {
  private static final String SECRET = "s3cret";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChatstackAutoConfiguration.class))
          .withUserConfiguration(WebhookSenderConfiguration.class);

  @Test
  void everyMessageOfARealChatServiceIsPostedSignedAndInSeqOrder() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
      runner
          .withPropertyValues("webhook.url=" + receiver.url(), "webhook.secret=" + SECRET)
          .run(
              context -> {
                assertThat(context).hasSingleBean(WebhookSender.class);
                ChatService chat = context.getBean(ChatService.class);
                Room room = chat.createRoom("webhooks", "alice");
                chat.join(room.id(), "bob");
                ChatMessage one = chat.send(room.id(), "alice", "one").join();
                ChatMessage two = chat.send(room.id(), "bob", "two").join();
                ChatMessage three = chat.send(room.id(), "alice", "three").join();

                await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().contains(three.id()));
                List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
                assertThat(deliveries).allMatch(WebhookReceiver.Delivery::signed);
                List<JsonNode> chats =
                    deliveries.stream()
                        .flatMap(d -> d.messages().stream())
                        .filter(m -> m.path("type").asText().equals("CHAT"))
                        .toList();
                assertThat(chats)
                    .extracting(m -> m.path("id").asText())
                    .containsExactly(one.id(), two.id(), three.id());
                assertThat(chats)
                    .extracting(m -> m.path("seq").asLong())
                    .containsExactly(one.seq(), two.seq(), three.seq())
                    .isSorted();
                assertThat(chats)
                    .extracting(m -> m.path("content").asText())
                    .containsExactly("one", "two", "three");
                assertThat(chats)
                    .extracting(m -> m.path("sender").asText())
                    .containsExactly("alice", "bob", "alice");
              });
    }
  }

  @Test
  void aWrongSecretIsRefusedByTheReceiverAndTheSenderThrows() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
      WebhookSender sender = new WebhookSender(receiver.url(), "wrong", Duration.ofSeconds(2));
      PersistListener listener = sender;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> listener.afterPersist(List.of()))
          .isInstanceOf(WebhookDeliveryException.class)
          .hasMessageContaining("401");
      assertThat(receiver.deliveries()).singleElement().matches(d -> !d.signed());
    }
  }

  @Test
  void withoutAUrlThereIsNoSender() {
    runner.run(context -> assertThat(context).doesNotHaveBean(WebhookSender.class));
  }
}
