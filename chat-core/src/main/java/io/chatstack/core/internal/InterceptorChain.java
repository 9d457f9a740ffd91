package io.chatstack.core.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.InterceptContext;
import io.chatstack.core.Interception;
import io.chatstack.core.InterceptorFailurePolicy;
import io.chatstack.core.MessageDraft;
import io.chatstack.core.MessageInterceptor;
import io.chatstack.core.MessageRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link MessageInterceptor}s of a service in order on its hook executor, each with a
 * deadline, applying the failure policy. With no interceptors it completes at once on the caller's
 * thread.
 */
public final class InterceptorChain {
  private static final Logger LOG = LoggerFactory.getLogger(InterceptorChain.class);

  private final List<MessageInterceptor> interceptors;
  private final ExecutorService executor;
  private final Duration timeout;
  private final InterceptorFailurePolicy policy;
  private final Validator validate;

  public InterceptorChain(
      List<MessageInterceptor> interceptors,
      ExecutorService executor,
      Duration timeout,
      InterceptorFailurePolicy policy,
      Validator validate) {
    this.interceptors = List.copyOf(interceptors);
    this.executor = executor;
    this.timeout = timeout;
    this.policy = policy;
    this.validate = validate;
  }

  /** The draft as the chain left it, or a failure with {@link MessageRejectedException}. */
  public CompletableFuture<MessageDraft> run(InterceptContext context, MessageDraft draft) {
    CompletableFuture<MessageDraft> result = CompletableFuture.completedFuture(draft);
    for (MessageInterceptor interceptor : interceptors) {
      result = result.thenCompose(d -> step(interceptor, context, d));
    }
    return result;
  }

  private CompletableFuture<MessageDraft> step(
      MessageInterceptor interceptor, InterceptContext context, MessageDraft draft) {
    return call(interceptor, context, draft)
        .handle(
            (decision, failure) -> {
              if (failure == null) {
                try {
                  return apply(decision, context, draft);
                } catch (MessageRejectedException rejected) {
                  throw rejected;
                } catch (RuntimeException invalid) {
                  failure = invalid;
                }
              }
              return failed(interceptor, context, draft, unwrap(failure));
            });
  }

  private CompletableFuture<Interception> call(
      MessageInterceptor interceptor, InterceptContext context, MessageDraft draft) {
    CompletableFuture<Interception> result = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                try {
                  Interception decision = interceptor.beforeSend(context, draft);
                  if (decision == null) {
                    throw new IllegalStateException("returned null instead of a decision");
                  }
                  result.complete(decision);
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
      return result;
    }
    result
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (ok, e) -> {
              if (e instanceof TimeoutException) {
                task.cancel(true);
              }
            });
    return result;
  }

  private MessageDraft apply(Interception decision, InterceptContext context, MessageDraft draft) {
    switch (decision.outcome()) {
      case REJECT:
        throw new MessageRejectedException(
            decision.code().orElseThrow(), decision.reason().orElseThrow());
      case REWRITE:
        String content = validate.content(decision.content().orElse(draft.content()));
        Map<String, Object> metadata =
            context.kind() == InterceptContext.Kind.EDIT
                ? draft.metadata()
                : decision.metadata().map(validate::metadata).orElse(draft.metadata());
        return new MessageDraft(content, metadata, draft.replyTo());
      default:
        return draft;
    }
  }

  private MessageDraft failed(
      MessageInterceptor interceptor, InterceptContext context, MessageDraft draft, Throwable e) {
    String what =
        e instanceof TimeoutException
            ? "did not decide within " + timeout
            : e instanceof RejectedExecutionException
                ? "could not run: the hook executor is full or closed"
                : e instanceof ChatException chat
                    ? "rewrote the message invalidly ("
                        + chat.code()
                        + ": "
                        + chat.getMessage()
                        + ")"
                    : "failed: " + e;
    String message =
        "Message interceptor "
            + interceptor.getClass().getName()
            + " "
            + what
            + " ("
            + context.kind()
            + " in room "
            + context.roomId()
            + ")";
    if (policy == InterceptorFailurePolicy.FAIL_OPEN) {
      LOG.warn("{}; fail-open: going on with the draft as it was", message, e);
      return draft;
    }
    LOG.warn("{}; fail-closed: the message is refused", message, e);
    throw new MessageRejectedException(
        MessageRejectedException.INTERCEPTOR_FAILED,
        "The message could not be checked; try again later",
        e);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
