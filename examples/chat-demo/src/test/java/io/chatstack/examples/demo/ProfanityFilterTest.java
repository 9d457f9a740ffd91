package io.chatstack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.InterceptContext;
import io.chatstack.core.MessageDraft;
import io.chatstack.core.MessageInterceptor;
import io.chatstack.core.Room;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The demo's filter in a real (in-memory) ChatService: sends and edits arrive starred. */
class ProfanityFilterTest {
  private final ProfanityFilter filter = new ProfanityFilter(List.of("darn", " heck "));

  @Test
  void theBeanReadsDemoProfanityWords() {
    new ApplicationContextRunner()
        .withUserConfiguration(ProfanityFilter.class)
        .withPropertyValues("demo.profanity.words=zonk")
        .run(
            context -> {
              MessageInterceptor bean = context.getBean(MessageInterceptor.class);
              assertThat(
                      bean.beforeSend(
                              new InterceptContext(
                                  1,
                                  "alice",
                                  InterceptContext.Kind.SEND,
                                  Optional.empty(),
                                  Optional.empty()),
                              new MessageDraft("zonk darn", Map.of(), ""))
                          .content())
                  .contains("**** darn");
            });
  }

  @Test
  void thePropertyIsCommaSeparated() {
    try (ChatService chat =
        ChatService.builder().interceptor(new ProfanityFilter("frak, heck")).build()) {
      Room room = chat.createRoom("general", "alice");
      assertThat(chat.send(room.id(), "alice", "frak and heck").join().content())
          .isEqualTo("**** and ****");
    }
  }

  @Test
  void listedWordsAreStarredInSendsAndEditsOthersPassUnchanged() {
    try (ChatService chat = ChatService.builder().interceptor(filter).build()) {
      Room room = chat.createRoom("general", "alice");

      ChatMessage clean = chat.send(room.id(), "alice", "hello darning world").join();
      ChatMessage starred = chat.send(room.id(), "alice", "Darn it, what the HECK").join();
      ChatMessage edit =
          chat.messages().edit(room.id(), "alice", clean.id(), "oh darn", null).join();

      assertThat(clean.content()).isEqualTo("hello darning world");
      assertThat(clean.metadata()).isEmpty();
      assertThat(starred.content()).isEqualTo("**** it, what the ****");
      assertThat(starred.metadata()).isEqualTo(Map.of("filtered", true));
      assertThat(edit.content()).isEqualTo("oh ****");
    }
  }
}
