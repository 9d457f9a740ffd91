package io.chatstack.stomp;

/**
 * Names of the STOMP headers chatstack uses: those of STOMP 1.2 and chatstack's own ({@link #SEQ},
 * {@link #SINCE_SEQ}, {@link #ROOM_ID}, ...). Thread-safe (constants only).
 */
public final class HeaderNames {
  // STOMP 1.2
  public static final String ACCEPT_VERSION = "accept-version";
  public static final String VERSION = "version";
  public static final String HOST = "host";
  public static final String LOGIN = "login";
  public static final String PASSCODE = "passcode";
  public static final String HEART_BEAT = "heart-beat";
  public static final String SERVER = "server";
  public static final String SESSION = "session";
  public static final String DESTINATION = "destination";
  public static final String ID = "id";
  public static final String ACK = "ack";
  public static final String SELECTOR = "selector";
  public static final String TRANSACTION = "transaction";
  public static final String RECEIPT = "receipt";
  public static final String RECEIPT_ID = "receipt-id";
  public static final String SUBSCRIPTION = "subscription";
  public static final String MESSAGE_ID = "message-id";
  public static final String MESSAGE = "message";
  public static final String CONTENT_TYPE = "content-type";
  public static final String CONTENT_LENGTH = "content-length";

  // chatstack
  /** CONNECT: a bearer token, {@code Bearer <token>} (any case of the name counts as this one). */
  public static final String AUTHORIZATION = "Authorization";

  /** CONNECTED: the authenticated user's name. */
  public static final String USER_NAME = "user-name";

  /** ERROR: the machine-readable code, one of {@link ErrorCodes}. */
  public static final String CODE = "code";

  /** MESSAGE and RECEIPT of a room message: its sequence number in the room. */
  public static final String SEQ = "seq";

  /** RECEIPT of a chat message: when it was accepted (ISO-8601). */
  public static final String TIMESTAMP = "timestamp";

  /** SUBSCRIBE to a room: replay everything after this seq first ({@code -1}: all). */
  public static final String SINCE_SEQ = "since-seq";

  /** SUBSCRIBE to history: the page ends before this seq. */
  public static final String BEFORE_SEQ = "before-seq";

  /** SUBSCRIBE to history: the page starts after this seq. */
  public static final String AFTER_SEQ = "after-seq";

  /** SUBSCRIBE to history: the most messages in the page. */
  public static final String LIMIT = "limit";

  /** RECEIPT of a room command: the room's id. */
  public static final String ROOM_ID = "room-id";

  /** RECEIPT of a direct room: whether it was created by this request. */
  public static final String CREATED = "created";

  private HeaderNames() {}
}
