package io.chatstack.examples.webhook;

/** A batch the webhook receiver did not accept; the persister retries it. */
public final class WebhookDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WebhookDeliveryException(String message) {
    super(message);
  }

  WebhookDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
