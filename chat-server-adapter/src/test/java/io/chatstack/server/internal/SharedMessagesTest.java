package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.TypingEvent;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.StompDestinations;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedMessagesTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

  private final SharedMessages shared =
      new SharedMessages(new FrameWriter(), StompDestinations.DEFAULTS, 16);

  private static ChatMessage message(String id, long room, long seq, String text) {
    return new ChatMessage(id, room, 2, "alice", text, MessageType.CHAT, T, "c-" + id).withSeq(seq);
  }

  @Test
  void everySubscriberOfOneMessageGetsTheSameEncoding() {
    ChatMessage m = message("m1", 1, 7, "hello");
    String first = shared.chatMessage(m);
    assertThat(shared.chatMessage(m)).isSameAs(first);
    // an equal message decoded again (another record read, a replay) shares it too
    assertThat(shared.chatMessage(message("m1", 1, 7, "hello"))).isSameAs(first);
    assertThat(first).contains("message-id:m1").contains("seq:7").contains("\"content\":\"hello\"");
  }

  @Test
  void interleavedMessagesEachGetTheirOwnEncoding() {
    ChatMessage a = message("a", 1, 1, "from room one");
    ChatMessage b = message("b", 2, 1, "from room two");
    String encodedA = shared.chatMessage(a);
    String encodedB = shared.chatMessage(b);
    assertThat(shared.chatMessage(a)).isSameAs(encodedA).contains("from room one");
    assertThat(shared.chatMessage(b)).isSameAs(encodedB).contains("from room two");
    assertThat(encodedA).isNotEqualTo(encodedB);
  }

  @Test
  void anEditOfTheSameMessageIsEncodedAfresh() {
    ChatMessage original = message("m1", 1, 7, "helo");
    String before = shared.chatMessage(original);
    ChatMessage edited = message("m1", 1, 7, "hello");
    assertThat(shared.chatMessage(edited)).isNotEqualTo(before).contains("\"content\":\"hello\"");
    assertThat(shared.chatMessage(original)).isSameAs(before);
  }

  @Test
  void equalSignalsAreTwoMessagesButOneSignalIsSharedByItsSubscribers() {
    TypingEvent first = new TypingEvent(1, "bob", true);
    TypingEvent again = new TypingEvent(1, "bob", true);
    String encoded = shared.typing(first);
    assertThat(shared.typing(first)).isSameAs(encoded);
    assertThat(shared.typing(again)).isNotEqualTo(encoded); // its own message-id
    assertThat(shared.typing(first)).isSameAs(encoded);
  }
}
