package io.chatstack.core;

/**
 * A {@link MessageInterceptor} rejected the message or edit, or (code {@link #INTERCEPTOR_FAILED})
 * an interceptor failed under {@link InterceptorFailurePolicy#FAIL_CLOSED}. Nothing was stored or
 * delivered. {@link #code()} is the interceptor's code; transports answer 422 (503 for {@link
 * #INTERCEPTOR_FAILED}) or an application error with the code.
 */
public class MessageRejectedException extends ChatException {
  private static final long serialVersionUID = 1L;

  /** An interceptor threw, timed out or rewrote invalidly; the send may be retried. */
  public static final String INTERCEPTOR_FAILED = "interceptor-failed";

  public MessageRejectedException(String code, String message) {
    super(code, message);
  }

  public MessageRejectedException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  /** True when an interceptor failed rather than decided: retrying may succeed. */
  public boolean retryable() {
    return INTERCEPTOR_FAILED.equals(code());
  }
}
