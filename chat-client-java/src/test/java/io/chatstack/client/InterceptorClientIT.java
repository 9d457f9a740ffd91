package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Interception;
import io.chatstack.core.RoomSummary;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server-side MessageInterceptor seen from the Java client: a rejected send's future fails with
 * ChatClientException carrying the interceptor's code; a rewrite is what history holds.
 */
class InterceptorClientIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        new TestServer(
            ChatService.builder()
                .interceptor(
                    (c, d) ->
                        d.content().contains("spam")
                            ? Interception.reject("no-spam", "Spam is not allowed")
                            : Interception.rewriteContent(d.content().replace("darn", "****")))
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRejectedSendFailsWithTheInterceptorsCodeAndARewriteIsAnswered() {
    try (ChatClient alice = server.client("alice-hooks").build().connect()) {
      RoomSummary room = alice.createRoom("hooks");

      assertThatThrownBy(() -> alice.send(room.id(), "cheap spam").join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              ChatClientException.class,
              e -> {
                assertThat(e.code()).isEqualTo("no-spam");
                assertThat(e.getMessage()).contains("Spam is not allowed");
              });
      // The RECEIPT carries id and seq, not content: the rewrite shows in history and live
      // messages, while the send's result keeps the content as the client sent it.
      ChatMessage sent = alice.send(room.id(), "oh darn").join();

      assertThat(sent.seq()).isPositive();
      assertThat(alice.history(room.id(), HistoryQuery.latest(10)).messages())
          .extracting(ChatMessage::content)
          .doesNotContain("cheap spam")
          .contains("oh ****");
    }
  }
}
