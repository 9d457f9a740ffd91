package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small public types of the interceptor SPI. */
class InterceptionTypesTest {
  @Test
  void draftsDefaultMissingMetadataAndReplyAndNeedContent() {
    MessageDraft draft = new MessageDraft("hi", null, null);
    assertThat(draft.metadata()).isEmpty();
    assertThat(draft.replyTo()).isEmpty();
    assertThat(new MessageDraft("hi", Map.of("k", 1), "m-1").replyTo()).isEqualTo("m-1");
    assertThatThrownBy(() -> new MessageDraft(null, Map.of(), ""))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void contextsNeedEveryPart() {
    Optional<String> none = Optional.empty();
    assertThatThrownBy(() -> new InterceptContext(1, null, InterceptContext.Kind.SEND, none, none))
        .hasMessage("sender");
    assertThatThrownBy(() -> new InterceptContext(1, "a", null, none, none)).hasMessage("kind");
    assertThatThrownBy(() -> new InterceptContext(1, "a", InterceptContext.Kind.SEND, null, none))
        .hasMessage("targetId");
    assertThatThrownBy(() -> new InterceptContext(1, "a", InterceptContext.Kind.SEND, none, null))
        .hasMessage("clientMsgId");
  }

  @Test
  void rejectionsKnowWhetherToRetry() {
    MessageRejectedException failed =
        new MessageRejectedException(
            MessageRejectedException.INTERCEPTOR_FAILED, "down", new IllegalStateException());
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(new MessageRejectedException("profanity", "no").retryable()).isFalse();
  }

  @Test
  void aClosedServiceNoLongerCallsItsInterceptors() {
    java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    ChatService chat =
        ChatService.builder()
            .hookThreads(1)
            .interceptor(
                (c, d) -> {
                  calls.add(d.content());
                  return Interception.accept();
                })
            .build();
    Room room = chat.createRoom("general", "alice");
    chat.send(room.id(), "alice", "before").join();
    chat.close();

    assertThatThrownBy(() -> chat.send(room.id(), "alice", "after").join())
        .hasCauseInstanceOf(MessageRejectedException.class);
    assertThat(calls).containsExactly("before");
  }

  @Test
  void decisionsDescribeThemselves() {
    assertThat(Interception.accept()).hasToString("accept");
    Interception rewrite = Interception.rewrite("x", Map.of("k", "v"));
    assertThat(rewrite).hasToString("rewrite");
    assertThat(rewrite.outcome()).isEqualTo(Interception.Outcome.REWRITE);
    assertThat(rewrite.metadata()).contains(Map.of("k", "v"));
    assertThat(rewrite.code()).isEmpty();
    assertThat(rewrite.reason()).isEmpty();
    assertThat(Interception.reject("a1-b2", "r").content()).isEmpty();
    assertThat(Interception.reject("a".repeat(Interception.MAX_CODE_LENGTH), "r").code())
        .isPresent();
    assertThatThrownBy(() -> Interception.reject(null, "r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interception.reject("1abc", "r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interception.reject("ok", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interception.rewriteContent(null))
        .isInstanceOf(NullPointerException.class);
  }
}
