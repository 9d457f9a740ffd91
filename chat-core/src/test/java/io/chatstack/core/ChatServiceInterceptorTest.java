package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link MessageInterceptor}s: chain, reject, rewrite, deadline and failure policies. */
class ChatServiceInterceptorTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final List<ChatService> services = new ArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    services.forEach(ChatService::close);
  }

  private ChatService chat(
      InterceptorFailurePolicy policy, Duration timeout, MessageInterceptor... interceptors) {
    ChatService chat =
        ChatService.builder()
            .messageBus(new InMemoryMessageBus(store))
            .interceptors(List.of(interceptors))
            .beforeSendTimeout(timeout)
            .interceptorFailurePolicy(policy)
            .build();
    services.add(chat);
    return chat;
  }

  private ChatService chat(MessageInterceptor... interceptors) {
    return chat(InterceptorFailurePolicy.FAIL_CLOSED, Duration.ofSeconds(5), interceptors);
  }

  private MessageInterceptor appending(String suffix) {
    return (context, draft) -> {
      calls.add(suffix + ":" + context.kind() + ":" + draft.content());
      return Interception.rewriteContent(draft.content() + suffix);
    };
  }

  private static List<String> chatContents(ChatService chat, long roomId) {
    return chat.since(roomId, -1, 100).stream()
        .filter(m -> m.type() == MessageType.CHAT || m.type() == MessageType.EDIT)
        .map(ChatMessage::content)
        .toList();
  }

  private static MessageRejectedException rejection(CompletableFuture<?> future) {
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(MessageRejectedException.class);
    return (MessageRejectedException) future.handle((v, e) -> e.getCause()).join();
  }

  @Test
  void interceptorsRunInOrderEachSeeingThePreviousRewrite() {
    ChatService chat = chat(appending("-1"), appending("-2"));
    Room room = chat.createRoom("general", "alice");
    chat.join(room.id(), "bob");

    ChatMessage sent = chat.send(room.id(), "alice", "hi").join();

    assertThat(sent.content()).isEqualTo("hi-1-2");
    assertThat(calls).containsExactly("-1:SEND:hi", "-2:SEND:hi-1");
    assertThat(chatContents(chat, room.id())).containsExactly("hi-1-2");
  }

  @Test
  void theFirstRejectWinsAndNothingIsStoredOrDelivered() {
    ChatService chat =
        chat(
            appending("-1"),
            (c, d) ->
                d.content().startsWith("darn")
                    ? Interception.reject("profanity", "Mind your language")
                    : Interception.accept(),
            appending("-3"));
    Room room = chat.createRoom("general", "alice");
    List<ChatMessage> live = new CopyOnWriteArrayList<>();
    chat.subscribe(room.id(), live::add);

    MessageRejectedException e = rejection(chat.send(room.id(), "alice", "darn"));

    assertThat(e.code()).isEqualTo("profanity");
    assertThat(e.getMessage()).isEqualTo("Mind your language");
    assertThat(e.retryable()).isFalse();
    assertThat(calls).containsExactly("-1:SEND:darn");
    calls.clear();
    assertThat(chatContents(chat, room.id())).isEmpty();
    // The next send is ordered after the rejected one: it was delivered, the rejected one not.
    chat.send(room.id(), "alice", "ok", null, SendOptions.NONE).join();
    assertThat(live).extracting(ChatMessage::content).doesNotContain("darn", "darn-1");
  }

  @Test
  void interceptorsRunOnTheHookExecutorWithTheSendsContext() {
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicReference<InterceptContext> seen = new AtomicReference<>();
    ChatService chat =
        chat(
            (c, d) -> {
              thread.set(Thread.currentThread().getName());
              seen.set(c);
              return Interception.accept();
            });
    Room room = chat.createRoom("general", "alice");

    chat.send(room.id(), "alice", "hi", "c-1").join();

    assertThat(thread.get()).startsWith("chatstack-hooks-");
    assertThat(seen.get())
        .isEqualTo(
            new InterceptContext(
                room.id(),
                "alice",
                InterceptContext.Kind.SEND,
                java.util.Optional.empty(),
                java.util.Optional.of("c-1")));
  }

  @Test
  void aRewriteMayReplaceTheMetadataAndKeepsTheReply() {
    ChatService chat =
        chat((c, d) -> Interception.rewrite(null, Map.of("filtered", true, "was", d.metadata())));
    Room room = chat.createRoom("general", "alice");
    ChatMessage first = chat.send(room.id(), "alice", "first").join();

    ChatMessage reply =
        chat.send(
                room.id(),
                "alice",
                "second",
                null,
                SendOptions.NONE.withReplyTo(first.id()).withMetadata(Map.of("k", "v")))
            .join();

    assertThat(reply.content()).isEqualTo("second");
    assertThat(reply.replyTo()).isEqualTo(first.id());
    assertThat(reply.metadata()).isEqualTo(Map.of("filtered", true, "was", Map.of("k", "v")));
  }

  @Test
  void editsAreInterceptedWithTheTarget() {
    AtomicReference<InterceptContext> seen = new AtomicReference<>();
    ChatService chat =
        chat(
            (c, d) -> {
              seen.set(c);
              return c.kind() == InterceptContext.Kind.EDIT
                  ? Interception.rewrite(d.content().toUpperCase(), Map.of("ignored", 1))
                  : Interception.accept();
            });
    Room room = chat.createRoom("general", "alice");
    ChatMessage sent = chat.send(room.id(), "alice", "hello").join();

    ChatMessage edit =
        chat.messages().edit(room.id(), "alice", sent.id(), "hello all", "e-1").join();

    assertThat(edit.content()).isEqualTo("HELLO ALL");
    assertThat(edit.metadata()).isEmpty();
    assertThat(seen.get().kind()).isEqualTo(InterceptContext.Kind.EDIT);
    assertThat(seen.get().targetId()).contains(sent.id());
    assertThat(chat.messages()).isNotNull();
    assertThat(
            chat.history(room.id(), HistoryQuery.latest(10)).messages().stream()
                .filter(m -> m.id().equals(sent.id()))
                .findFirst()
                .orElseThrow()
                .content())
        .isEqualTo("HELLO ALL");
  }

  @Test
  void aRejectedEditChangesNothing() {
    ChatService chat =
        chat(
            (c, d) ->
                c.kind() == InterceptContext.Kind.EDIT
                    ? Interception.reject("no-edits", "Edits are off")
                    : Interception.accept());
    Room room = chat.createRoom("general", "alice");
    ChatMessage sent = chat.send(room.id(), "alice", "hello").join();

    assertThat(rejection(chat.messages().edit(room.id(), "alice", sent.id(), "bye", null)).code())
        .isEqualTo("no-edits");
    assertThat(chatContents(chat, room.id())).containsExactly("hello");
  }

  @Test
  void joinsLeavesDeletesAndReactionsAreNotIntercepted() {
    ChatService chat = chat(appending("!"));
    Room room = chat.createRoom("general", "alice");
    chat.join(room.id(), "bob");
    ChatMessage sent = chat.send(room.id(), "alice", "hi").join();
    calls.clear();

    chat.messages().react(room.id(), "bob", sent.id(), "👍", true).join();
    chat.messages().delete(room.id(), "alice", sent.id()).join();
    chat.leave(room.id(), "bob");

    assertThat(calls).isEmpty();
  }

  @Test
  void aThrowingInterceptorFailsClosedWithARetryableCode() {
    ChatService chat =
        chat(
            (c, d) -> {
              throw new IllegalStateException("filter down");
            });
    Room room = chat.createRoom("general", "alice");

    MessageRejectedException e = rejection(chat.send(room.id(), "alice", "hi"));

    assertThat(e.code()).isEqualTo(MessageRejectedException.INTERCEPTOR_FAILED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getCause()).hasMessage("filter down");
    assertThat(chatContents(chat, room.id())).isEmpty();
  }

  @Test
  void aThrowingInterceptorFailsOpenWithTheDraftBeforeIt() {
    ChatService chat =
        chat(
            InterceptorFailurePolicy.FAIL_OPEN,
            Duration.ofSeconds(5),
            appending("-1"),
            (c, d) -> {
              throw new IllegalStateException("filter down");
            },
            appending("-3"));
    Room room = chat.createRoom("general", "alice");

    assertThat(chat.send(room.id(), "alice", "hi").join().content()).isEqualTo("hi-1-3");
  }

  @Test
  void nullAndInvalidRewritesAreFailures() {
    ChatService chat =
        chat(
            (c, d) ->
                switch (d.content()) {
                  case "null" -> null;
                  case "blank" -> Interception.rewriteContent(" ");
                  case "long" -> Interception.rewriteContent("x".repeat(100_000));
                  case "big" -> Interception.rewrite(null, Map.of("k", "x".repeat(5000)));
                  case "code" -> Interception.reject("Bad Code", "x");
                  default -> Interception.accept();
                });
    Room room = chat.createRoom("general", "alice");

    for (String input : List.of("null", "blank", "long", "big", "code")) {
      assertThat(rejection(chat.send(room.id(), "alice", input)).code())
          .as(input)
          .isEqualTo("interceptor-failed");
    }
    assertThat(chatContents(chat, room.id())).isEmpty();
  }

  @Test
  void aSlowInterceptorIsAbandonedAtTheDeadlineAndInterrupted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    MessageInterceptor slow =
        (c, d) -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return Interception.reject("too-late", "should not count");
        };
    ChatService closed = chat(InterceptorFailurePolicy.FAIL_CLOSED, Duration.ofMillis(300), slow);
    Room room = closed.createRoom("general", "alice");

    CompletableFuture<ChatMessage> send = closed.send(room.id(), "alice", "hi");
    // Had send() waited for the interceptor, the deadline had passed and the future were done.
    assertThat(send).as("the caller's thread does not wait for interceptors").isNotDone();

    assertThat(rejection(send).code()).isEqualTo("interceptor-failed");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(chatContents(closed, room.id())).isEmpty();

    ChatService open =
        chat(InterceptorFailurePolicy.FAIL_OPEN, Duration.ofMillis(50), appending("-1"), slow);
    Room openRoom = open.createRoom("general", "alice");
    assertThat(open.send(openRoom.id(), "alice", "hi").join().content()).isEqualTo("hi-1");
  }

  @Test
  void aResendReturnsTheOriginalMessage() {
    ChatService chat = chat(appending("!"));
    Room room = chat.createRoom("general", "alice");

    ChatMessage first = chat.send(room.id(), "alice", "hi", "c-1").join();
    ChatMessage again = chat.send(room.id(), "alice", "hi", "c-1").join();

    assertThat(again).isEqualTo(first);
    assertThat(calls).hasSize(2);
    assertThat(chatContents(chat, room.id())).containsExactly("hi!");
  }

  @Test
  void validationAndMembershipComeFirstAndThrowOnTheCallersThread() {
    ChatService chat = chat(appending("!"));
    Room room = chat.createRoom("general", "alice");

    assertThatThrownBy(() -> chat.send(room.id(), "mallory", "hi"))
        .isInstanceOf(NotParticipantException.class);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", " "))
        .isInstanceOf(InvalidContentException.class);
    assertThat(calls).isEmpty();
  }

  @Test
  void rejectionCodesAreValidated() {
    assertThatThrownBy(() -> Interception.reject("Not_Valid", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowercase letters and digits");
    assertThatThrownBy(() -> Interception.reject("a--b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interception.reject("x".repeat(65), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Interception.reject("ok-code", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
    Interception ok = Interception.reject("link-not-allowed-2", "No links");
    assertThat(ok.outcome()).isEqualTo(Interception.Outcome.REJECT);
    assertThat(ok.code()).contains("link-not-allowed-2");
    assertThat(ok.reason()).contains("No links");
    assertThat(ok).hasToString("reject(link-not-allowed-2: No links)");
    assertThat(Interception.rewrite(null, null)).isSameAs(Interception.accept());
    assertThat(Interception.accept().outcome()).isEqualTo(Interception.Outcome.ACCEPT);
    assertThat(Interception.rewriteContent("x").content()).contains("x");
    assertThat(Interception.rewriteContent("x").metadata()).isEmpty();
  }

  @Test
  void builderRefusesBadSettings() {
    assertThatThrownBy(() -> ChatService.builder().beforeSendTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatService.builder().hookThreads(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
