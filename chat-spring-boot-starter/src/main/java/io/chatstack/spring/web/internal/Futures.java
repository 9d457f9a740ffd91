package io.chatstack.spring.web.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for the service's futures on the request thread. Stateless. */
final class Futures {
  private Futures() {}

  /**
   * The future's value; a failure is rethrown as its cause (a {@code ChatException} with its code,
   * e.g. {@code unavailable} after the send timeout) so the exception handler maps it.
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
