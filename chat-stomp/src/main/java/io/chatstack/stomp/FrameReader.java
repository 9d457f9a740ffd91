package io.chatstack.stomp;

import io.chatstack.stomp.internal.ConnectCredentialHeaders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Turns the bytes of one connection into {@link StompFrame}s with spring-messaging's buffering
 * decoder (a frame may arrive in parts and several in one chunk), then enforces what the decoder
 * does not: the {@link FrameLimits}, content-length sanity, no NUL in headers, valid UTF-8 in
 * binary chunks, and only the commands the other side may send. Heart-beats are dropped.
 *
 * <p>A reader {@link #forServer} also refuses a CONNECT (or STOMP) frame that has a security header
 * ({@code login}, {@code passcode}, {@code Authorization} in any case) twice, since which value
 * counts would depend on who reads the frame, and keeps the real {@code passcode}. Other repeated
 * headers follow STOMP 1.2: the first counts.
 *
 * <p>Every violation is a {@link StompProtocolException} with one of the {@link ErrorCodes}; the
 * connection should then be closed, since the reader's state is undefined. Not thread-safe: one per
 * connection, one caller at a time.
 */
public final class FrameReader {
  /** Characters decoded at a time when checking a binary chunk's UTF-8 (the output is dropped). */
  private static final int UTF8_CHECK_CHARS = 1024;

  /** Spring's decoder keeps no state between calls; Spring shares one across sessions too. */
  private static final StompDecoder STOMP = new StompDecoder();

  private final FrameLimits limits;
  private final boolean server;

  /**
   * Holds an incomplete frame until the rest arrives; null between frames, so that an idle
   * connection holds no buffer (nor the queue and locks of Spring's buffering decoder).
   */
  private @Nullable BufferingStompDecoder partial;

  /**
   * The start of a UTF-8 sequence that the previous binary chunk ended in the middle of (at most 3
   * bytes); null otherwise. A container hands a large binary message over in parts, which may split
   * a character; a frame always ends with NUL, so a sequence left incomplete is refused when the
   * NUL arrives in the next binary chunk, or at once when a text message follows.
   */
  private byte @Nullable [] utf8Carry;

  private final @Nullable ConnectCredentialHeaders credentials;
  private long completedFrames;

  private FrameReader(FrameLimits limits, boolean server) {
    this.limits = limits;
    this.server = server;
    this.credentials = server ? new ConnectCredentialHeaders(limits.maxFrameBytes()) : null;
  }

  /** A reader of the frames a client sends, for a server. */
  public static FrameReader forServer(FrameLimits limits) {
    return new FrameReader(limits, true);
  }

  /** A reader of the frames a server sends, for a client. */
  public static FrameReader forClient(FrameLimits limits) {
    return new FrameReader(limits, false);
  }

  /**
   * Frames completed by this text chunk.
   *
   * @throws StompProtocolException on any violation
   */
  public List<StompFrame> read(String text) {
    if (utf8Carry != null) {
      // A text message starts on a character boundary: it cannot finish the binary one's character.
      throw invalidUtf8();
    }
    return decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Frames completed by this chunk of bytes, which must be UTF-8 (STOMP over WebSocket is text); a
   * chunk may end in the middle of a character, which the next chunk completes. Does not change
   * {@code bytes}' position.
   *
   * @throws StompProtocolException on any violation
   */
  public List<StompFrame> read(ByteBuffer bytes) {
    if (bytes.remaining() > limits.maxFrameBytes()) {
      throw tooLarge();
    }
    utf8Carry = requireUtf8(utf8Carry, bytes);
    return decode(bytes.duplicate());
  }

  /** Frames, heart-beats included, completed so far: tells whether a read finished one. */
  public long completedFrames() {
    return completedFrames;
  }

  /** Bytes of an incomplete frame waiting for more input (0: the input ended on a frame). */
  public int bufferedBytes() {
    BufferingStompDecoder p = partial;
    return p == null ? 0 : p.getBufferSize();
  }

  private List<StompFrame> decode(ByteBuffer bytes) {
    if (bytes.remaining() > limits.maxFrameBytes()) {
      throw tooLarge();
    }
    if (credentials != null && !credentials.add(bytes)) {
      throw tooLarge();
    }
    List<Message<byte[]>> messages;
    try {
      messages = decodeAndKeepAnyIncompleteFrame(bytes);
    } catch (RuntimeException e) {
      throw malformed(e);
    }
    completedFrames += messages.size();
    Integer expected = partial == null ? null : partial.getExpectedContentLength();
    if (expected != null && expected > limits.maxBodyBytes()) {
      // The decoder would wait for the body before checking its limit: refuse now.
      throw new StompProtocolException(
          ErrorCodes.BODY_TOO_LARGE,
          "content-length "
              + expected
              + " is over the limit of "
              + limits.maxBodyBytes()
              + " bytes");
    }
    if (messages.isEmpty()) {
      return List.of();
    }
    List<StompFrame> frames = new ArrayList<>(messages.size());
    for (Message<byte[]> message : messages) {
      StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
      if (accessor.getMessageType() != SimpMessageType.HEARTBEAT) {
        StompFrame frame = check(accessor, message.getPayload());
        if (credentials != null) {
          credentials.firstFrameDecoded(frame.command());
        }
        frames.add(frame);
      }
    }
    return Collections.unmodifiableList(frames);
  }

  /** Complete frames; an incomplete one at the end waits in {@link #partial} for the rest. */
  private List<Message<byte[]>> decodeAndKeepAnyIncompleteFrame(ByteBuffer bytes) {
    BufferingStompDecoder p = partial;
    if (p != null) {
      List<Message<byte[]>> messages = p.decode(bytes);
      if (p.getBufferSize() == 0) {
        partial = null;
      }
      return messages;
    }
    // Between frames: decode in place; the decoder stops at the start of an incomplete frame.
    List<Message<byte[]>> messages = STOMP.decode(bytes);
    if (bytes.hasRemaining()) {
      p = new BufferingStompDecoder(STOMP, limits.maxFrameBytes());
      // Decodes nothing (the frame is incomplete) but notes its content-length, if any.
      p.decode(bytes.slice());
      partial = p;
    }
    return messages;
  }

  private StompFrame check(StompHeaderAccessor accessor, byte[] body) {
    Command command = command(accessor);
    Map<String, String> headers = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<String, List<String>> entry : accessor.toNativeHeaderMap().entrySet()) {
      String name = entry.getKey();
      for (String value : entry.getValue()) {
        if (++count > limits.maxHeaders()) {
          throw new StompProtocolException(
              ErrorCodes.TOO_MANY_HEADERS,
              "A frame may have at most " + limits.maxHeaders() + " headers");
        }
        if ((long) name.length() + value.length() > limits.maxHeaderLength()) {
          throw new StompProtocolException(
              ErrorCodes.HEADER_TOO_LONG,
              "Header '"
                  + StompProtocolException.abbreviate(name)
                  + "' is longer than "
                  + limits.maxHeaderLength()
                  + " characters");
        }
        if (name.isEmpty() || hasNul(name) || hasNul(value)) {
          throw new StompProtocolException(
              ErrorCodes.BAD_HEADER,
              "Header names must not be empty; headers must not contain NUL");
        }
      }
      if (!entry.getValue().isEmpty()) {
        headers.putIfAbsent(name, entry.getValue().get(0));
      }
    }
    String contentLength = headers.get(HeaderNames.CONTENT_LENGTH);
    if (contentLength != null && !contentLength.equals(Integer.toString(body.length))) {
      throw new StompProtocolException(
          ErrorCodes.BAD_CONTENT_LENGTH,
          "content-length must be the body's size in bytes ("
              + body.length
              + "), was '"
              + StompProtocolException.abbreviate(contentLength)
              + "'");
    }
    if (body.length > limits.maxBodyBytes()) {
      throw new StompProtocolException(
          ErrorCodes.BODY_TOO_LARGE,
          "Frame bodies may have at most " + limits.maxBodyBytes() + " bytes");
    }
    // Spring's accessor masks the CONNECT passcode as "PROTECTED"; authenticators need the real
    // one.
    String passcode = accessor.getPasscode();
    if (command.isConnect() && passcode != null && headers.containsKey(HeaderNames.PASSCODE)) {
      headers.put(HeaderNames.PASSCODE, passcode);
    }
    return new StompFrame(command, headers, body);
  }

  private Command command(StompHeaderAccessor accessor) {
    org.springframework.messaging.simp.stomp.StompCommand spring = accessor.getCommand();
    Command command = spring == null ? null : Command.valueOf(spring.name());
    if (command == null || (server ? !command.isClientCommand() : !command.isServerCommand())) {
      throw new StompProtocolException(
          ErrorCodes.UNKNOWN_COMMAND,
          command + " is not a command a " + (server ? "client" : "server") + " may send");
    }
    return command;
  }

  private StompProtocolException malformed(RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("buffer size limit") || reason.contains("exceeds configured")) {
      return tooLarge();
    }
    if (e instanceof IllegalArgumentException && reason.contains("No enum constant")) {
      return new StompProtocolException(
          ErrorCodes.UNKNOWN_COMMAND, "Unknown STOMP command; see the STOMP 1.2 specification");
    }
    return new StompProtocolException(
        ErrorCodes.MALFORMED_FRAME,
        "Malformed STOMP frame: " + StompProtocolException.abbreviate(reason));
  }

  private StompProtocolException tooLarge() {
    return new StompProtocolException(
        ErrorCodes.FRAME_TOO_LARGE, "Frames may have at most " + limits.maxFrameBytes() + " bytes");
  }

  /**
   * Checks that {@code carry} followed by {@code bytes} is UTF-8, but for an incomplete character
   * at the end, whose bytes it returns (null when the input ends on a character boundary).
   */
  private static byte @Nullable [] requireUtf8(byte @Nullable [] carry, ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    if (carry != null) {
      in = ByteBuffer.allocate(carry.length + in.remaining()).put(carry).put(in).flip();
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(Math.min(in.remaining(), UTF8_CHECK_CHARS) + 1);
    CoderResult result;
    while ((result = decoder.decode(in, out, false)).isOverflow()) {
      out.clear();
    }
    if (result.isError()) {
      throw invalidUtf8();
    }
    if (!in.hasRemaining()) {
      return null;
    }
    byte[] rest = new byte[in.remaining()];
    in.get(rest);
    return rest;
  }

  private static StompProtocolException invalidUtf8() {
    return new StompProtocolException(
        ErrorCodes.INVALID_UTF8, "Frames must be valid UTF-8 (STOMP over WebSocket carries text)");
  }

  private static boolean hasNul(String s) {
    return s.indexOf('\0') >= 0;
  }
}
