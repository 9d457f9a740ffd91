package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.Room;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: a client that stops reading is disconnected with an ERROR once its bounded
 * queue is full, while a healthy client in the same room receives every message.
 */
class SlowConsumerIT {
  static final int MESSAGES = 3000;

  @Test
  void clientThatStopsReadingIsDisconnectedAndOthersGetEverything() throws Exception {
    try (ServerFixture fixture =
            new ServerFixture(StompLimits.DEFAULTS.withOutboundQueueFrames(32));
        Socket slow = new Socket()) {
      Room room = fixture.service.createRoom("flood", "alice");
      fixture.service.join(room.id(), "slow");
      slow.setReceiveBufferSize(4096);
      slow.connect(new java.net.InetSocketAddress("localhost", fixture.server.port()));
      OutputStream out = slow.getOutputStream();
      InputStream in = slow.getInputStream();
      out.write(
          ("GET /ws HTTP/1.1\r\nHost: localhost:"
                  + fixture.server.port()
                  + "\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      readUntil(in, "\r\n\r\n");
      sendMasked(out, TestFrame.connect("slow"));
      sendMasked(
          out,
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "s",
              "destination",
              "/topic/chat/" + room.id(),
              "receipt",
              "sub"));
      readUntil(in, "receipt-id:sub");

      try (RawStompClient healthy = RawStompClient.connected(fixture.uri(), "alice")) {
        healthy.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "h",
                "destination",
                "/topic/chat/" + room.id(),
                "receipt",
                "h"));
        healthy.awaitReceipt("h");
        String content = "x".repeat(3000);
        for (int i = 0; i < MESSAGES; i++) {
          fixture.service.send(room.id(), "alice", content + i).join();
        }

        String slowStream = readAll(slow, in);
        assertThat(slowStream).contains("ERROR\n").contains("code:slow-consumer");
        assertThat(count(slowStream, "MESSAGE\n")).isLessThan(MESSAGES);
        healthy.await(f -> f.body().contains(content + (MESSAGES - 1)));
        assertThat(healthy.messages()).hasSize(MESSAGES);
        assertThat(healthy.closeReason).isNull();
      }
    }
  }

  private static void sendMasked(OutputStream out, String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    frame.write(new byte[4]); // zero mask key: the payload goes unchanged
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }

  private static void readUntil(InputStream in, String marker) throws Exception {
    StringBuilder seen = new StringBuilder();
    while (seen.indexOf(marker) < 0) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("connection closed before '" + marker + "': " + seen);
      }
      seen.append((char) b);
    }
  }

  /** Reads (late) until the server closes the connection. */
  private static String readAll(Socket socket, InputStream in) throws Exception {
    socket.setSoTimeout(30_000);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("server did not close the slow connection", e);
    } catch (java.net.SocketException e) {
      // reset by the server after closing: what was read is what counts
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private static int count(String haystack, String needle) {
    int count = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
