package io.chatstack.examples.webhook;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the webhook sender under {@code webhook.*}. */
@ConfigurationProperties("webhook")
public class WebhookProperties {
  /** URL the batches are POSTed to; no webhook is sent when unset. */
  private @Nullable URI url;

  /** HMAC-SHA256 key shared with the receiver, which checks the X-Chatstack-Signature header. */
  private String secret = "";

  /** Bound of connecting and of one POST; one call stalls storage at most this long. */
  private Duration timeout = Duration.ofSeconds(2);

  public @Nullable URI getUrl() {
    return url;
  }

  public void setUrl(@Nullable URI url) {
    this.url = url;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
