package io.chatstack.spring.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.OfflineNotifications;
import io.chatstack.core.OfflineNotifier;
import io.chatstack.core.PersistListener;
import io.chatstack.core.Room;
import io.chatstack.spring.ChatNotificationsAutoConfiguration;
import io.chatstack.spring.ChatstackAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** OfflineNotifier beans are called through the in-memory bus; the property sets the interval. */
class ChatNotificationsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatstackAutoConfiguration.class, ChatNotificationsAutoConfiguration.class));

  @Test
  void offlineNotifierBeansAreCalledForOfflineParticipants() {
    List<String> calls = new CopyOnWriteArrayList<>();
    runner
        .withBean(
            OfflineNotifier.class,
            () ->
                (user, roomId, messages) ->
                    calls.add(user + ":" + messages.stream().map(ChatMessage::content).toList()))
        .withPropertyValues("chatstack.notifications.min-interval=0")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(OfflineNotifications.class).minInterval())
                  .isEqualTo(Duration.ZERO);
              // It is one of the bus's persist listeners.
              assertThat(context.getBeansOfType(PersistListener.class)).hasSize(1);
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("team", "alice");
              chat.join(room.id(), "bob");
              chat.join(room.id(), "carol");
              chat.presence().connected("bob");
              await().until(() -> chat.presence().snapshot(room.id()).count() == 1);
              chat.send(room.id(), "alice", "one").join();
              chat.send(room.id(), "alice", "two").join();
              await().until(() -> calls.size() >= 2);
              // min-interval 0: every batch; bob is online, alice (offline) sent them.
              assertThat(calls).containsExactly("carol:[one]", "carol:[two]");
            });
  }

  @Test
  void withoutAnOfflineNotifierThereAreNoNotifications() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(OfflineNotifications.class);
        });
  }

  @Test
  void theDefaultIntervalIsAMinuteAndANegativeOneIsRefused() {
    OfflineNotifier notifier = (user, roomId, messages) -> {};
    runner
        .withBean(OfflineNotifier.class, () -> notifier)
        .run(
            context ->
                assertThat(context.getBean(OfflineNotifications.class).minInterval())
                    .isEqualTo(Duration.ofSeconds(60)));
    runner
        .withBean(OfflineNotifier.class, () -> notifier)
        .withPropertyValues("chatstack.notifications.min-interval=-1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("chatstack.notifications.min-interval"));
  }
}
