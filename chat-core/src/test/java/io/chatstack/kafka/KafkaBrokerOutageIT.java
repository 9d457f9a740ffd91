package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker stops and starts while messages are being sent. */
class KafkaBrokerOutageIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(4);
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
  void aBrokerRestartMidStreamLosesNoAcknowledgedMessageAndSendsFailInBoundedTime()
      throws Exception {
    InMemoryMessageStore store = new InMemoryMessageStore();
    KafkaChatConfig config = KafkaMessageBusIT.config(kafka).sendTimeout(SEND_TIMEOUT).build();
    try (KafkaMessageBus bus = new KafkaMessageBus(config, store)) {
      long roomId = freshRoomId();
      List<ChatMessage> live = new CopyOnWriteArrayList<>();
      bus.subscribe(roomId, live::add);
      List<ChatMessage> acked = new CopyOnWriteArrayList<>();
      List<ChatMessage> failed = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      List<Duration> failureTimes = new CopyOnWriteArrayList<>();
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; sending.get(); i++) {
                  ChatMessage draft = draft(roomId, "alice", "m" + i);
                  long start = System.nanoTime();
                  try {
                    acked.add(bus.publish(draft).join());
                  } catch (CompletionException e) {
                    failed.add(draft);
                    errors.add(e.getCause());
                    failureTimes.add(Duration.ofNanos(System.nanoTime() - start));
                  }
                }
              });
      sender.start();
      try {
        await().atMost(WAIT).until(() -> acked.size() >= 50);
        kafka.stopBroker();
        await().atMost(WAIT).until(() -> failed.size() >= 2);
        kafka.startBroker();
        int ackedBeforeRestart = acked.size();
        await().atMost(WAIT).until(() -> acked.size() >= ackedBeforeRestart + 50);
      } finally {
        sending.set(false);
        sender.join(WAIT.toMillis());
        kafka.startBroker();
      }

      assertThat(errors)
          .allSatisfy(
              e ->
                  assertThat(e)
                      .isInstanceOf(ChatUnavailableException.class)
                      .hasMessageContaining("did not acknowledge")
                      .hasMessageContaining(kafka.bootstrapServers()));
      assertThat(failureTimes)
          .allSatisfy(t -> assertThat(t).isLessThan(SEND_TIMEOUT.multipliedBy(3)));

      // A client retries its failed sends with the same clientMsgId: stored once whether or not
      // they got in.
      List<ChatMessage> retried = new ArrayList<>();
      for (ChatMessage m : failed) {
        retried.add(bus.publish(m).orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
      }
      List<ChatMessage> everything = new ArrayList<>(acked);
      everything.addAll(retried);
      everything.sort((a, b) -> Long.compare(a.seq(), b.seq()));
      assertThat(everything).extracting(ChatMessage::clientMsgId).doesNotHaveDuplicates();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          store
                              .page(roomId, io.chatstack.core.HistoryQuery.after(-1, 1000))
                              .messages())
                      .containsAll(acked)
                      .containsExactlyElementsOf(everything));
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(live).containsExactlyElementsOf(everything));
    }
  }
}
