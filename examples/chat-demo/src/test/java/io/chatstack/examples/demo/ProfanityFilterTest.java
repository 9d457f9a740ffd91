package io.chatstack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's filter in a real (in-memory) ChatService: sends and edits arrive starred. */
class ProfanityFilterTest {
  private final ProfanityFilter filter = new ProfanityFilter(List.of("darn", " heck "));

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
