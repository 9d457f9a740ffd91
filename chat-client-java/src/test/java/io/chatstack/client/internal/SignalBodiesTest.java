package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.TypingEvent;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.StompFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's reading of signal bodies and read-mark receipts. */
class SignalBodiesTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void presenceBodiesBecomeEventsOfTheRoom() {
    assertThat(
            SignalBodies.presence(
                utf8("{\"type\":\"snapshot\",\"online\":[\"a\",\"b\"],\"count\":7}"), 3))
        .isEqualTo(new PresenceEvent(PresenceEvent.Type.SNAPSHOT, 3, "", List.of("a", "b"), 7));
    assertThat(SignalBodies.presence(utf8("{\"type\":\"online\",\"user\":\"c\",\"count\":3}"), 3))
        .isEqualTo(new PresenceEvent(PresenceEvent.Type.ONLINE, 3, "c", List.of(), 3));
    assertThat(SignalBodies.presence(utf8("{\"type\":\"offline\",\"user\":\"c\",\"count\":2}"), 3))
        .isEqualTo(new PresenceEvent(PresenceEvent.Type.OFFLINE, 3, "c", List.of(), 2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"away\",\"user\":\"c\",\"count\":2}",
        "{\"type\":\"online\",\"count\":2}",
        "{\"type\":\"snapshot\",\"count\":2}",
        "{\"count\":2}",
        "[1]",
        "not json"
      })
  void malformedPresenceBodiesAreRefused(String body) {
    assertThatThrownBy(() -> SignalBodies.presence(utf8(body), 3))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void typingReceiptAndReadStateBodies() {
    assertThat(SignalBodies.typing(utf8("{\"user\":\"a\",\"typing\":true}"), 4))
        .isEqualTo(new TypingEvent(4, "a", true));
    assertThat(SignalBodies.receipt(utf8("{\"user\":\"a\",\"seq\":9}"), 4))
        .isEqualTo(new ReadReceipt(4, "a", 9));
    assertThat(
            SignalBodies.readState(
                utf8("{\"roomId\":5,\"lastReadSeq\":9,\"unreadCount\":2}"), "me"))
        .isEqualTo(new ReadState(5, "me", 9, 2));
    assertThatThrownBy(() -> SignalBodies.typing(utf8("{\"typing\":true}"), 4))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aReadMarkReceiptTellsTheState() {
    StompFrame receipt =
        new StompFrame(
            Command.RECEIPT,
            Map.of("receipt-id", "read:1", "last-read-seq", "12", "unread-count", "0"),
            new byte[0]);
    assertThat(SignalBodies.markRead(receipt, 6, "me")).isEqualTo(new ReadState(6, "me", 12, 0));
    StompFrame without =
        new StompFrame(
            Command.RECEIPT, Map.of("receipt-id", "read:1", "unread-count", "0"), new byte[0]);
    assertThatThrownBy(() -> SignalBodies.markRead(without, 6, "me"))
        .hasMessageContaining("last-read-seq");
  }
}
