package io.chatstack.stomp;

/**
 * Names of the STOMP headers chatstack uses: those of STOMP 1.2 and chatstack's own ({@link #SEQ},
 * {@link #SINCE_SEQ}, {@link #ROOM_ID}, ...). Thread-safe (constants only).
 */
public final class HeaderNames {
  // STOMP 1.2
  /** CONNECT: the STOMP versions the client speaks, e.g. {@code 1.2}. */
  public static final String ACCEPT_VERSION = "accept-version";

  /** CONNECTED: the version the server chose. */
  public static final String VERSION = "version";

  /** CONNECT: the virtual host. */
  public static final String HOST = "host";

  /** CONNECT: the user's login. */
  public static final String LOGIN = "login";

  /** CONNECT: the user's password. */
  public static final String PASSCODE = "passcode";

  /** CONNECT and CONNECTED: heart-beat intervals, see {@link Heartbeat}. */
  public static final String HEART_BEAT = "heart-beat";

  /** CONNECTED: the server's name. */
  public static final String SERVER = "server";

  /** CONNECTED: the connection's id. */
  public static final String SESSION = "session";

  /** SEND, SUBSCRIBE and MESSAGE: where a frame goes, see {@link StompDestinations}. */
  public static final String DESTINATION = "destination";

  /** SUBSCRIBE and UNSUBSCRIBE: the subscription's id, chosen by the client. */
  public static final String ID = "id";

  /** SUBSCRIBE: the acknowledgement mode (chatstack supports {@code auto} only). */
  public static final String ACK = "ack";

  /** SUBSCRIBE: a message selector (not supported by chatstack). */
  public static final String SELECTOR = "selector";

  /** Any client frame: a STOMP transaction (not supported by chatstack). */
  public static final String TRANSACTION = "transaction";

  /** Any client frame: asks for a RECEIPT with this id. */
  public static final String RECEIPT = "receipt";

  /** RECEIPT and ERROR: the {@code receipt} of the frame answered. */
  public static final String RECEIPT_ID = "receipt-id";

  /** MESSAGE: the id of the subscription it is delivered to. */
  public static final String SUBSCRIPTION = "subscription";

  /** MESSAGE and RECEIPT of a chat message: the message's id. */
  public static final String MESSAGE_ID = "message-id";

  /** ERROR: a short description of the error. */
  public static final String MESSAGE = "message";

  /** Frames with a body: its MIME type. */
  public static final String CONTENT_TYPE = "content-type";

  /** Frames with a body: its length in bytes. */
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

  /** RECEIPT of a read mark: the user's {@code lastReadSeq} in the room after it. */
  public static final String LAST_READ_SEQ = "last-read-seq";

  /** RECEIPT of a read mark: the user's unread chat messages in the room after it. */
  public static final String UNREAD_COUNT = "unread-count";

  private HeaderNames() {}
}
