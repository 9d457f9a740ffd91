package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.InterceptContext;
import io.chatstack.core.Interception;
import io.chatstack.core.MessageInterceptor;
import io.chatstack.core.MessageRejectedException;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.test.annotation.DirtiesContext;

/**
 * MessageInterceptor beans: picked up by the starter in {@code @Order}, and a refused or failed
 * edit over REST answers a problem with the interceptor's code (422) or interceptor-failed (503).
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.requests-per-second=1000",
      "chatstack.hooks.before-send-timeout=2s",
      "chatstack.hooks.failure-policy=fail-closed"
    })
class HooksRestIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    // Declared second but ordered first: it sees the content before "second" appends to it.
    @Bean
    @Order(2)
    MessageInterceptor second() {
      return (c, d) -> Interception.rewriteContent(d.content() + " [2]");
    }

    @Bean
    @Order(1)
    MessageInterceptor first() {
      return (InterceptContext c, io.chatstack.core.MessageDraft d) -> {
        if (d.content().contains("forbidden")) {
          return Interception.reject("forbidden-word", "That word is not allowed here");
        }
        if (d.content().contains("crash")) {
          throw new IllegalStateException("filter crashed");
        }
        return Interception.rewriteContent(d.content() + " [1]");
      };
    }
  }

  @LocalServerPort int port;
  @Autowired ChatService chat;

  private HttpResponse<String> patch(long roomId, String id, String content) throws Exception {
    return new DevRestCalls(port)
        .call(
            "PATCH",
            "/api/messages/" + roomId + "/" + id,
            "alice",
            "{\"content\":\"" + content + "\"}");
  }

  @Test
  void interceptorBeansRunInTheirOrder() {
    Room room = chat.createRoom("hooks-order", "alice");

    ChatMessage sent = chat.send(room.id(), "alice", "hi").join();

    assertThat(sent.content()).isEqualTo("hi [1] [2]");
  }

  @Test
  void aSendRejectedByABeanFailsWithItsCode() {
    Room room = chat.createRoom("hooks-reject", "alice");

    assertThatThrownBy(() -> chat.send(room.id(), "alice", "a forbidden thing").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(MessageRejectedException.class)
        .hasMessage("That word is not allowed here");
  }

  @Test
  void restEditsAnswer422ForARejectionAnd503ForAFailureAndChangeNothing() throws Exception {
    Room room = chat.createRoom("hooks-rest", "alice");
    ChatMessage sent = chat.send(room.id(), "alice", "hello").join();

    HttpResponse<String> rejected = patch(room.id(), sent.id(), "a forbidden edit");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
    assertThat(DevRestCalls.code(rejected)).isEqualTo("forbidden-word");
    assertThat(rejected.body()).contains("That word is not allowed here");

    HttpResponse<String> failed = patch(room.id(), sent.id(), "crash it");
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
    assertThat(DevRestCalls.code(failed)).isEqualTo("interceptor-failed");

    HttpResponse<String> edited = patch(room.id(), sent.id(), "hello again");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    assertThat(
            chat.since(room.id(), -1, 100).stream()
                .filter(m -> m.type() == MessageType.EDIT)
                .map(ChatMessage::content))
        .containsExactly("hello again [1] [2]");
  }
}
