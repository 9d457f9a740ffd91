package io.chatstack.examples.webhook;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PersistListener;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each stored batch to a webhook URL as JSON {@code {"messages": [ChatMessage...]}} (the
 * messages in the order of the batch: per room in seq order, with their {@code id} and {@code
 * seq}), signed with HMAC-SHA256 over the body in the header {@value #SIGNATURE_HEADER} as {@code
 * sha256=<hex>}. Any answer other than 2xx, a timeout or an I/O error throws {@link
 * WebhookDeliveryException}, so the Kafka persister calls again with the same batch (backoff, then
 * dead letter); receivers must therefore drop messages whose {@code id} they already have.
 *
 * <p>Called on the persister thread (Kafka) or the publishing thread (in-memory bus), one batch at
 * a time per bus; thread-safe (the {@link HttpClient} is shared and immutable settings only).
 */
public final class WebhookSender implements PersistListener {
  /** Header carrying {@code sha256=} and the hex HMAC-SHA256 of the body under the secret. */
  public static final String SIGNATURE_HEADER = "X-Chatstack-Signature";

  private static final String HMAC = "HmacSHA256";

  private final URI url;
  private final byte[] secret;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param url where batches are POSTed
   * @param secret HMAC key shared with the receiver
   * @param timeout bound of connecting and of the whole request; it also bounds how long one call
   *     stalls storage
   */
  public WebhookSender(URI url, String secret, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.secret = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (this.secret.length == 0) {
      throw new IllegalArgumentException("The webhook secret must not be empty");
    }
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void afterPersist(List<ChatMessage> batch) {
    byte[] body = ChatJson.toBytes(Map.of("messages", batch));
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new WebhookDeliveryException("POST " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookDeliveryException("Interrupted while posting to " + url, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new WebhookDeliveryException(
          "POST " + url + " answered " + response.statusCode() + "; the batch will be sent again");
    }
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code secret}, as receivers recompute it. */
  public static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret, HMAC));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSender[" + url + "]";
  }
}
