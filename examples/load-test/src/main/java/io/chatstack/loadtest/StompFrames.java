package io.chatstack.loadtest;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompFrame;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The client frames the load test sends, written by chat-stomp's {@link FrameWriter}. Thread-safe
 * (the writer is).
 */
public final class StompFrames {
  private static final FrameWriter WRITER = new FrameWriter();

  private StompFrames() {}

  /** CONNECT as user {@code login}, STOMP 1.2, no heart-beats. */
  public static String connect(String login, String host) {
    return WRITER.write(
        StompFrame.of(
            Command.CONNECT,
            Map.of(
                HeaderNames.ACCEPT_VERSION,
                "1.2",
                HeaderNames.HOST,
                host,
                HeaderNames.HEART_BEAT,
                "0,0",
                HeaderNames.LOGIN,
                login)));
  }

  /** SUBSCRIBE to {@code destination} with subscription id {@code id}. */
  public static String subscribe(String destination, String id) {
    return WRITER.write(
        StompFrame.of(
            Command.SUBSCRIBE,
            Map.of(
                HeaderNames.DESTINATION,
                destination,
                HeaderNames.ID,
                id,
                HeaderNames.ACK,
                "auto")));
  }

  /** SEND of a JSON body to {@code destination} (the writer adds {@code content-length}). */
  public static String send(String destination, String json) {
    return WRITER.write(
        new StompFrame(
            Command.SEND,
            Map.of(
                HeaderNames.DESTINATION, destination, HeaderNames.CONTENT_TYPE, "application/json"),
            json.getBytes(StandardCharsets.UTF_8)));
  }

  /** DISCONNECT. */
  public static String disconnect() {
    return WRITER.write(StompFrame.of(Command.DISCONNECT, Map.of()));
  }
}
