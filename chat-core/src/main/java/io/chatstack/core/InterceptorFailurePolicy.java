package io.chatstack.core;

/**
 * What a send does when a {@link MessageInterceptor} throws, returns null or an invalid rewrite, or
 * misses its deadline ({@link ChatService.Builder#beforeSendTimeout}).
 */
public enum InterceptorFailurePolicy {
  /**
   * The send fails with {@link MessageRejectedException} code {@link
   * MessageRejectedException#INTERCEPTOR_FAILED} (retryable; transports answer 503). Default: a
   * broken filter lets nothing through.
   */
  FAIL_CLOSED,
  /**
   * The failure is logged and the chain goes on with the draft as it was before the failing
   * interceptor: a broken filter lets messages through unfiltered.
   */
  FAIL_OPEN
}
