package io.chatstack.spring;

import io.chatstack.core.ChatLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of chatstack under the {@code chatstack.*} prefix. */
@ConfigurationProperties("chatstack")
public class ChatstackProperties {

  /** Longest wait for the message log to acknowledge a send before it fails. */
  private Duration sendTimeout = Duration.ofSeconds(10);

  /** Input limits enforced on every transport. */
  private final Limits limits = new Limits();

  /** REST API for rooms and history. */
  private final Rest rest = new Rest();

  /** Micrometer metrics of the message bus. */
  private final Metrics metrics = new Metrics();

  public Metrics getMetrics() {
    return metrics;
  }

  public Duration getSendTimeout() {
    return sendTimeout;
  }

  public void setSendTimeout(Duration sendTimeout) {
    this.sendTimeout = sendTimeout;
  }

  public Limits getLimits() {
    return limits;
  }

  public Rest getRest() {
    return rest;
  }

  /** Input limits. */
  public static class Limits {
    /** Longest room name, in characters. */
    private int maxRoomNameLength = ChatLimits.DEFAULTS.maxRoomNameLength();

    /** Longest user name, in characters. */
    private int maxUsernameLength = ChatLimits.DEFAULTS.maxUsernameLength();

    /** Longest message content, in characters. */
    private int maxContentLength = ChatLimits.DEFAULTS.maxContentLength();

    /** Longest client-chosen message id, in characters. */
    private int maxClientMsgIdLength = ChatLimits.DEFAULTS.maxClientMsgIdLength();

    public int getMaxRoomNameLength() {
      return maxRoomNameLength;
    }

    public void setMaxRoomNameLength(int maxRoomNameLength) {
      this.maxRoomNameLength = maxRoomNameLength;
    }

    public int getMaxUsernameLength() {
      return maxUsernameLength;
    }

    public void setMaxUsernameLength(int maxUsernameLength) {
      this.maxUsernameLength = maxUsernameLength;
    }

    public int getMaxContentLength() {
      return maxContentLength;
    }

    public void setMaxContentLength(int maxContentLength) {
      this.maxContentLength = maxContentLength;
    }

    public int getMaxClientMsgIdLength() {
      return maxClientMsgIdLength;
    }

    public void setMaxClientMsgIdLength(int maxClientMsgIdLength) {
      this.maxClientMsgIdLength = maxClientMsgIdLength;
    }

    ChatLimits toChatLimits() {
      return new ChatLimits(
          maxRoomNameLength, maxUsernameLength, maxContentLength, maxClientMsgIdLength);
    }
  }

  /** REST API settings. */
  public static class Rest {
    /** Whether to expose the REST API under /api (rooms, participants, history). */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Metrics settings. */
  public static class Metrics {
    /** Whether to record chatstack.* metrics when a MeterRegistry bean exists. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
