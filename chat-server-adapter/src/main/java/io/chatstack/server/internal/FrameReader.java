package io.chatstack.server.internal;

import io.chatstack.server.StompLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Turns the bytes of one connection into frames with spring-messaging's decoder, then enforces what
 * the decoder does not: header count and length, content-length sanity, body size, client commands
 * only, valid UTF-8, and no security header ({@code login}, {@code passcode}, {@code Authorization}
 * in any case) given twice in a CONNECT or STOMP frame: which of two values counts would depend on
 * who reads the frame. Other repeated headers follow STOMP 1.2: the first counts. Heart-beats are
 * dropped. Not thread-safe: one per connection, one caller at a time.
 */
public final class FrameReader {
  private static final Set<StompCommand> CLIENT_COMMANDS =
      EnumSet.of(
          StompCommand.CONNECT,
          StompCommand.STOMP,
          StompCommand.SEND,
          StompCommand.SUBSCRIBE,
          StompCommand.UNSUBSCRIBE,
          StompCommand.ACK,
          StompCommand.NACK,
          StompCommand.BEGIN,
          StompCommand.COMMIT,
          StompCommand.ABORT,
          StompCommand.DISCONNECT);

  private final StompLimits limits;
  private final BufferingStompDecoder decoder;
  private final ConnectCredentialHeaders credentials;
  private long completedFrames;

  public FrameReader(StompLimits limits) {
    this.limits = limits;
    this.decoder = new BufferingStompDecoder(new StompDecoder(), limits.maxFrameBytes());
    this.credentials = new ConnectCredentialHeaders(limits.maxFrameBytes());
  }

  /** Frames completed by this text chunk. @throws StompProtocolException on any violation */
  public List<InboundFrame> read(String text) {
    return decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Frames completed by this chunk of bytes. @throws StompProtocolException on any violation */
  public List<InboundFrame> read(ByteBuffer bytes) {
    if (bytes.remaining() > limits.maxFrameBytes()) {
      throw tooLarge();
    }
    requireUtf8(bytes);
    return decode(bytes);
  }

  private List<InboundFrame> decode(ByteBuffer bytes) {
    if (bytes.remaining() > limits.maxFrameBytes()) {
      throw tooLarge();
    }
    if (!credentials.add(bytes)) {
      throw tooLarge();
    }
    List<Message<byte[]>> messages;
    try {
      messages = decoder.decode(bytes);
    } catch (RuntimeException e) {
      throw malformed(e);
    }
    completedFrames += messages.size();
    Integer expected = decoder.getExpectedContentLength();
    if (expected != null && expected > limits.maxBodyBytes()) {
      // The decoder would wait for the body before checking its limit: refuse now.
      throw new StompProtocolException(
          "body-too-large",
          "content-length "
              + expected
              + " is over the limit of "
              + limits.maxBodyBytes()
              + " bytes");
    }
    if (messages.isEmpty()) {
      return List.of();
    }
    List<InboundFrame> frames = new ArrayList<>(messages.size());
    for (Message<byte[]> message : messages) {
      StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
      if (accessor.getMessageType() != SimpMessageType.HEARTBEAT) {
        InboundFrame frame =
            check(accessor.getCommand(), accessor.toNativeHeaderMap(), message.getPayload());
        credentials.firstFrameDecoded(frame.command());
        frames.add(withRealPasscode(frame, accessor));
      }
    }
    return Collections.unmodifiableList(frames);
  }

  /** Frames, heart-beats included, completed so far: tells whether a read finished one. */
  public long completedFrames() {
    return completedFrames;
  }

  /** Bytes of an incomplete frame waiting for more input. */
  public int bufferedBytes() {
    return decoder.getBufferSize();
  }

  private InboundFrame check(StompCommand command, Map<String, List<String>> raw, byte[] body) {
    if (command == null || !CLIENT_COMMANDS.contains(command)) {
      throw new StompProtocolException(
          "unknown-command", command + " is not a command a client may send");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<String, List<String>> entry : raw.entrySet()) {
      for (String value : entry.getValue()) {
        if (++count > limits.maxHeaders()) {
          throw new StompProtocolException(
              "too-many-headers", "A frame may have at most " + limits.maxHeaders() + " headers");
        }
        if (entry.getKey().length() + value.length() > limits.maxHeaderLength()) {
          throw new StompProtocolException(
              "header-too-long",
              "Header '"
                  + abbreviate(entry.getKey())
                  + "' is longer than "
                  + limits.maxHeaderLength()
                  + " characters");
        }
        if (entry.getKey().isEmpty() || hasNul(entry.getKey()) || hasNul(value)) {
          throw new StompProtocolException(
              "bad-header", "Header names must not be empty; headers must not contain NUL");
        }
      }
      headers.putIfAbsent(entry.getKey(), entry.getValue().get(0));
    }
    String contentLength = headers.get("content-length");
    if (contentLength != null && !contentLength.equals(Integer.toString(body.length))) {
      throw new StompProtocolException(
          "bad-content-length",
          "content-length must be the body's size in bytes ("
              + body.length
              + "), was '"
              + abbreviate(contentLength)
              + "'");
    }
    if (body.length > limits.maxBodyBytes()) {
      throw new StompProtocolException(
          "body-too-large", "Frame bodies may have at most " + limits.maxBodyBytes() + " bytes");
    }
    return new InboundFrame(command, Collections.unmodifiableMap(headers), body);
  }

  private static boolean isConnect(StompCommand command) {
    return command == StompCommand.CONNECT || command == StompCommand.STOMP;
  }

  // Spring's accessor masks the CONNECT passcode as "PROTECTED"; authenticators need the real one.
  private static InboundFrame withRealPasscode(InboundFrame frame, StompHeaderAccessor accessor) {
    String passcode = accessor.getPasscode();
    if (!isConnect(frame.command())
        || passcode == null
        || !frame.headers().containsKey("passcode")) {
      return frame;
    }
    Map<String, String> headers = new LinkedHashMap<>(frame.headers());
    headers.put("passcode", passcode);
    return new InboundFrame(frame.command(), Collections.unmodifiableMap(headers), frame.body());
  }

  private StompProtocolException malformed(RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("buffer size limit") || reason.contains("exceeds configured")) {
      return tooLarge();
    }
    if (e instanceof IllegalArgumentException && reason.contains("No enum constant")) {
      return new StompProtocolException(
          "unknown-command", "Unknown STOMP command; see the STOMP 1.2 specification");
    }
    return new StompProtocolException(
        "malformed-frame", "Malformed STOMP frame: " + abbreviate(reason));
  }

  private StompProtocolException tooLarge() {
    return new StompProtocolException(
        "frame-too-large", "Frames may have at most " + limits.maxFrameBytes() + " bytes");
  }

  private static void requireUtf8(ByteBuffer bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.duplicate());
    } catch (CharacterCodingException e) {
      throw new StompProtocolException(
          "invalid-utf8", "Frames must be valid UTF-8 (STOMP over WebSocket carries text)");
    }
  }

  private static boolean hasNul(String s) {
    return s.indexOf('\0') >= 0;
  }

  static String abbreviate(String s) {
    String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
  }
}
