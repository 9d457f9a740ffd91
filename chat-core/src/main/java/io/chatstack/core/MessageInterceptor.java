package io.chatstack.core;

/**
 * A host hook that sees every chat message and every edit before it is written to the log, and may
 * accept it, reject it with an error code, or rewrite its content and/or metadata (a filter, a
 * policy check, an enrichment).
 *
 * <p>When: on the node that accepted the send ({@link ChatService#send} in all its forms, {@link
 * Messages#edit}), after the input was validated and the sender's membership checked, and before
 * the message is published to the {@link MessageBus}. JOIN, LEAVE, DELETE, reactions and system
 * messages are not intercepted.
 *
 * <p>Chain: interceptors registered with {@link ChatService.Builder#interceptors} run one after
 * another in the order given; each sees the draft as the previous one left it (after its rewrite);
 * the first {@link Interception#reject reject} ends the chain and nothing is stored or delivered.
 *
 * <p>Threading: each call runs on a bounded executor owned by the {@link ChatService} (threads
 * named {@code chatstack-hooks-N}), never on the caller's thread, and may run concurrently with
 * other calls for other messages: implementations must be thread-safe. A call gets at most {@link
 * ChatService.Builder#beforeSendTimeout} (default 200 ms); a call that takes longer is abandoned
 * (its thread is interrupted) and, like a call that throws, returns null, or returns an invalid
 * rewrite, is handled by the {@link InterceptorFailurePolicy}. Keep calls short and never block on
 * the chat itself.
 *
 * <p>Idempotency: a re-send with a clientMsgId that was already stored runs the chain again, and
 * the send then completes with the original message (whatever the new rewrite); an interceptor
 * should therefore decide the same way for the same input, or a retry of an accepted send may be
 * rejected.
 *
 * <p>Lifecycle: the service does not start or close interceptors; it stops calling them when it is
 * closed.
 */
@FunctionalInterface
public interface MessageInterceptor {
  /**
   * Decides about one message or edit.
   *
   * @param context who sends what where (never null)
   * @param draft the content and metadata as the previous interceptor left them (never null)
   * @return {@link Interception#accept()}, {@link Interception#reject(String, String)} or {@link
   *     Interception#rewrite(String, java.util.Map)}; never null
   */
  Interception beforeSend(InterceptContext context, MessageDraft draft);
}
