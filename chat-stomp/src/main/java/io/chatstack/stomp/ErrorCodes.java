package io.chatstack.stomp;

/**
 * The {@code code} of the protocol errors a chatstack server reports (header {@code code} of an
 * ERROR frame, field {@code code} of an error-queue body). Errors of the chat itself (a room that
 * does not exist, a user who is not a participant, ...) carry the codes of the chat service.
 * Thread-safe (constants only).
 */
public final class ErrorCodes {
  // framing and limits (FrameReader)
  public static final String FRAME_TOO_LARGE = "frame-too-large";
  public static final String BODY_TOO_LARGE = "body-too-large";
  public static final String TOO_MANY_HEADERS = "too-many-headers";
  public static final String HEADER_TOO_LONG = "header-too-long";
  public static final String BAD_HEADER = "bad-header";
  public static final String BAD_CONTENT_LENGTH = "bad-content-length";
  public static final String DUPLICATE_HEADER = "duplicate-header";
  public static final String MALFORMED_FRAME = "malformed-frame";
  public static final String INVALID_UTF8 = "invalid-utf8";
  public static final String UNKNOWN_COMMAND = "unknown-command";
  public static final String MISSING_HEADER = "missing-header";

  // the connection
  public static final String NOT_CONNECTED = "not-connected";
  public static final String ALREADY_CONNECTED = "already-connected";
  public static final String UNSUPPORTED_VERSION = "unsupported-version";
  public static final String BAD_HEART_BEAT = "bad-heart-beat";
  public static final String CONNECT_TIMEOUT = "connect-timeout";
  public static final String FRAME_TIMEOUT = "frame-timeout";
  public static final String HEART_BEAT_TIMEOUT = "heart-beat-timeout";
  public static final String SLOW_CONSUMER = "slow-consumer";
  public static final String INTERNAL_ERROR = "internal-error";

  // what STOMP allows and chatstack does not support
  public static final String UNSUPPORTED_ACK = "unsupported-ack";
  public static final String UNSUPPORTED_TRANSACTION = "unsupported-transaction";
  public static final String UNSUPPORTED_SELECTOR = "unsupported-selector";

  // destinations and subscriptions
  public static final String UNKNOWN_DESTINATION = "unknown-destination";
  public static final String DUPLICATE_SUBSCRIPTION = "duplicate-subscription";
  public static final String UNKNOWN_SUBSCRIPTION = "unknown-subscription";
  public static final String TOO_MANY_SUBSCRIPTIONS = "too-many-subscriptions";
  public static final String BAD_SINCE_SEQ = "bad-since-seq";
  public static final String BAD_HISTORY_QUERY = "bad-history-query";
  public static final String RATE_LIMITED = "rate-limited";

  /** Error-queue body: a room subscription ended because its user left or was removed. */
  public static final String SUBSCRIPTION_REVOKED = "subscription-revoked";

  // bodies (PayloadReader)
  public static final String INVALID_JSON = "invalid-json";
  public static final String SENDER_MISMATCH = "sender-mismatch";
  public static final String ROOM_MISMATCH = "room-mismatch";
  public static final String INVALID_VISIBILITY = "invalid-visibility";

  private ErrorCodes() {}
}
