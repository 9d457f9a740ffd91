package io.chatstack.stomp;

/**
 * The {@code code} of the protocol errors a chatstack server reports (header {@code code} of an
 * ERROR frame, field {@code code} of an error-queue body). Errors of the chat itself (a room that
 * does not exist, a user who is not a participant, ...) carry the codes of the chat service.
 *
 * <p>Among those, the refusals of the message lifecycle SENDs ({@link StompDestinations#edit},
 * {@link StompDestinations#delete}, {@link StompDestinations#react}, and a chat send with {@code
 * replyTo} or {@code metadata}): {@code message-not-found} (no such message in the room), {@code
 * not-message-sender} (only the sender edits; the sender, the room's owner or a moderator deletes),
 * {@code edit-window-expired}, {@code not-editable} (JOIN, LEAVE and change records), {@code
 * message-deleted}, {@code invalid-emoji}, {@code invalid-metadata} (more than 4 KiB serialized),
 * {@code invalid-reply-to} (not a message of the room) and {@code invalid-message-id}, besides
 * {@code not-participant}, {@code room-not-found} and {@code invalid-content} as for sends. They
 * are application errors like a refused send: nothing changes.
 *
 * <p>Thread-safe (constants only).
 */
public final class ErrorCodes {
  // framing and limits (FrameReader)
  /** A frame is larger than {@link FrameLimits#maxFrameBytes()}. */
  public static final String FRAME_TOO_LARGE = "frame-too-large";

  /** A body is larger than {@link FrameLimits#maxBodyBytes()}. */
  public static final String BODY_TOO_LARGE = "body-too-large";

  /** A frame has more than {@link FrameLimits#maxHeaders()} headers. */
  public static final String TOO_MANY_HEADERS = "too-many-headers";

  /** A header is longer than {@link FrameLimits#maxHeaderLength()}. */
  public static final String HEADER_TOO_LONG = "header-too-long";

  /** A header has an empty name or a NUL. */
  public static final String BAD_HEADER = "bad-header";

  /** {@code content-length} is not the body's size. */
  public static final String BAD_CONTENT_LENGTH = "bad-content-length";

  /** A CONNECT has a security header twice. */
  public static final String DUPLICATE_HEADER = "duplicate-header";

  /** The bytes are not a STOMP frame. */
  public static final String MALFORMED_FRAME = "malformed-frame";

  /** A binary message is not UTF-8. */
  public static final String INVALID_UTF8 = "invalid-utf8";

  /** A command that does not exist, or that this side may not send. */
  public static final String UNKNOWN_COMMAND = "unknown-command";

  /** A required header is missing or empty. */
  public static final String MISSING_HEADER = "missing-header";

  // the connection
  /** A frame before CONNECT. */
  public static final String NOT_CONNECTED = "not-connected";

  /** A second CONNECT. */
  public static final String ALREADY_CONNECTED = "already-connected";

  /** None of the client's STOMP versions is 1.1 or 1.2. */
  public static final String UNSUPPORTED_VERSION = "unsupported-version";

  /** The {@code heart-beat} header is not two non-negative integers. */
  public static final String BAD_HEART_BEAT = "bad-heart-beat";

  /** No CONNECT in time after the connection opened. */
  public static final String CONNECT_TIMEOUT = "connect-timeout";

  /** A frame was started but not completed in time. */
  public static final String FRAME_TIMEOUT = "frame-timeout";

  /** The client was silent for more than twice its heart-beat interval. */
  public static final String HEART_BEAT_TIMEOUT = "heart-beat-timeout";

  /** Too many frames waited for the client: it reads too slowly. */
  public static final String SLOW_CONSUMER = "slow-consumer";

  /** The server failed; try again later. */
  public static final String INTERNAL_ERROR = "internal-error";

  // what STOMP allows and chatstack does not support
  /** ACK, NACK or an {@code ack} mode other than {@code auto}. */
  public static final String UNSUPPORTED_ACK = "unsupported-ack";

  /** BEGIN, COMMIT, ABORT or a {@code transaction} header. */
  public static final String UNSUPPORTED_TRANSACTION = "unsupported-transaction";

  /** A {@code selector} header. */
  public static final String UNSUPPORTED_SELECTOR = "unsupported-selector";

  // destinations and subscriptions
  /** A destination that is not in the {@link StompDestinations} table. */
  public static final String UNKNOWN_DESTINATION = "unknown-destination";

  /** A subscription id already in use on the connection. */
  public static final String DUPLICATE_SUBSCRIPTION = "duplicate-subscription";

  /** UNSUBSCRIBE of an id not in use. */
  public static final String UNKNOWN_SUBSCRIPTION = "unknown-subscription";

  /** More subscriptions than the server allows per connection. */
  public static final String TOO_MANY_SUBSCRIPTIONS = "too-many-subscriptions";

  /** A {@code since-seq} that is not a seq, or on a destination other than a room. */
  public static final String BAD_SINCE_SEQ = "bad-since-seq";

  /** History headers that are not a valid query. */
  public static final String BAD_HISTORY_QUERY = "bad-history-query";

  /** More SEND frames per second than the server allows (non-fatal). */
  public static final String RATE_LIMITED = "rate-limited";

  /** Error-queue body: a room subscription ended because its user left or was removed. */
  public static final String SUBSCRIPTION_REVOKED = "subscription-revoked";

  // bodies (PayloadReader)
  /** A body that is not the JSON the destination expects. */
  public static final String INVALID_JSON = "invalid-json";

  /** A body naming a sender or creator other than the authenticated user. */
  public static final String SENDER_MISMATCH = "sender-mismatch";

  /** A body naming a room other than the destination's. */
  public static final String ROOM_MISMATCH = "room-mismatch";

  /**
   * A read mark whose {@code seq} is missing, not an integer, or below {@code -1} (non-fatal;
   * nothing changes).
   */
  public static final String INVALID_SEQ = "invalid-seq";

  /** A room visibility other than PUBLIC or PRIVATE. */
  public static final String INVALID_VISIBILITY = "invalid-visibility";

  private ErrorCodes() {}
}
