package io.chatstack.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.Room;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ChatMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatMetricsAutoConfiguration.class, ChatstackAutoConfiguration.class));

  @Test
  void countsMessagesInAndOutAndTimesDelivery() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context.getBean(MessageBus.class)).isInstanceOf(MeteredMessageBus.class);
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("general", "alice");
              chat.subscribe(room.id(), m -> {});
              chat.send(room.id(), "alice", "one").join();
              chat.send(room.id(), "alice", "two").join();
              await()
                  .untilAsserted(
                      () -> {
                        assertThat(meters.counter("chatstack.messages.in", "type", "CHAT").count())
                            .isEqualTo(2);
                        assertThat(meters.counter("chatstack.messages.in", "type", "JOIN").count())
                            .isEqualTo(1);
                        assertThat(meters.counter("chatstack.messages.out").count()).isEqualTo(2);
                        assertThat(meters.timer("chatstack.delivery.latency").count()).isEqualTo(2);
                      });
            });
  }

  @Test
  void historyTailsAreMeteredAndConfigured() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("chatstack.history.tail.records-per-room=5")
        .run(
            context -> {
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              context.getBean(HistoryTailMetrics.class).bindTo(meters);
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("general", "alice");
              chat.history(room.id(), io.chatstack.core.HistoryQuery.latest(5));
              chat.history(room.id(), io.chatstack.core.HistoryQuery.latest(5));
              chat.history(room.id(), io.chatstack.core.HistoryQuery.latest(6));

              assertThat(meters.get("chatstack.history.tail.hits").functionCounter().count())
                  .isEqualTo(3);
              assertThat(meters.get("chatstack.history.tail.loads").functionCounter().count())
                  .isEqualTo(1);
              assertThat(meters.get("chatstack.history.tail.rooms").gauge().value()).isEqualTo(1);
              assertThat(meters.get("chatstack.history.tail.bytes").gauge().value()).isPositive();
            });
  }

  @Test
  void withoutARegistryOrWhenDisabledTheBusIsNotWrapped() {
    runner.run(
        context ->
            assertThat(context.getBean(MessageBus.class)).isNotInstanceOf(MeteredMessageBus.class));
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("chatstack.metrics.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(MessageBus.class))
                    .isNotInstanceOf(MeteredMessageBus.class));
  }
}
