package io.chatstack.stomp.internal;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.StompProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a CONNECT (or STOMP) frame that has a security header ({@code login}, {@code passcode},
 * {@code Authorization} in any case) more than once: which of two values counts would depend on who
 * reads the frame. Spring's decoder keeps a single, masked value of a repeated {@code passcode}, so
 * the headers are counted in the raw bytes. Only a connection's first frame may be a CONNECT (any
 * later one is refused as already-connected), so only the bytes of the first frame are kept, and
 * nothing once it is complete. Not thread-safe: one per {@link io.chatstack.stomp.FrameReader}.
 */
public final class ConnectCredentialHeaders {
  private final int maxFrameBytes;
  private @Nullable ByteArrayOutputStream firstFrame = new ByteArrayOutputStream();

  public ConnectCredentialHeaders(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Keeps the bytes of a chunk (not consuming {@code bytes}) while the first frame is assembled.
   *
   * @return false if the first frame would exceed the frame size limit
   */
  public boolean add(ByteBuffer bytes) {
    ByteArrayOutputStream firstFrame = this.firstFrame;
    if (firstFrame == null) {
      return true;
    }
    ByteBuffer chunk = bytes.duplicate();
    // Heart-beats (EOLs) before the first frame are not part of it.
    while (firstFrame.size() == 0 && chunk.hasRemaining()) {
      byte b = chunk.get(chunk.position());
      if (b != '\n' && b != '\r') {
        break;
      }
      chunk.get();
    }
    if (firstFrame.size() + chunk.remaining() > maxFrameBytes) {
      return false;
    }
    byte[] copy = new byte[chunk.remaining()];
    chunk.get(copy);
    firstFrame.writeBytes(copy);
    return true;
  }

  /**
   * The first frame was decoded: checks it if it is a CONNECT, then stops watching.
   *
   * @throws StompProtocolException {@code duplicate-header}
   */
  public void firstFrameDecoded(Command command) {
    ByteArrayOutputStream firstFrame = this.firstFrame;
    if (firstFrame == null) {
      return;
    }
    byte[] raw = firstFrame.toByteArray();
    this.firstFrame = null;
    if (command.isConnect()) {
      requireOnce(command, new String(raw, StandardCharsets.ISO_8859_1));
    }
  }

  private static void requireOnce(Command command, String frame) {
    int login = 0;
    int passcode = 0;
    int authorization = 0;
    int start = frame.indexOf('\n') + 1; // after the command line
    while (start > 0 && start < frame.length()) {
      int end = frame.indexOf('\n', start);
      String line = frame.substring(start, end < 0 ? frame.length() : end);
      if (line.isEmpty() || line.equals("\r")) {
        break; // end of the headers
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon);
      if (name.equals("login")) {
        login++;
      } else if (name.equals("passcode")) {
        passcode++;
      } else if (name.equalsIgnoreCase("authorization")) {
        authorization++;
      }
      start = end + 1;
    }
    @Nullable String twice =
        login > 1
            ? "login"
            : passcode > 1 ? "passcode" : authorization > 1 ? "Authorization" : null;
    if (twice != null) {
      throw new StompProtocolException(
          ErrorCodes.DUPLICATE_HEADER,
          command
              + " has the header '"
              + twice
              + "' more than once (Authorization in any case counts as one name);"
              + " send each credential once");
    }
  }
}
