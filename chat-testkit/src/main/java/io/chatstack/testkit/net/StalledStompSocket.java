package io.chatstack.testkit.net;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompFrame;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A STOMP-over-WebSocket subscriber on a plain socket with a tiny receive buffer that stops reading
 * once subscribed, like a client on a stalled network or a hung process: the server's writes to it
 * back up. {@link #drain} later reads what is left and reports how the connection ended. Only what
 * slow-consumer tests need of RFC 6455 (client frames masked, server frames unmasked); STOMP frames
 * are written and read by chat-stomp's {@link FrameWriter} and {@link FrameReader}. Not
 * thread-safe.
 */
public final class StalledStompSocket implements AutoCloseable {
  /**
   * How the connection ended: MESSAGE frames read, the ERROR frame (its whole text, empty when the
   * server sent none), whether the server closed the connection, and how.
   */
  public record Ending(int messages, String errorFrame, boolean closedByServer, String detail) {
    /** Whether the server sent an ERROR frame. */
    public boolean hasErrorFrame() {
      return !errorFrame.isEmpty();
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final FrameWriter writer = new FrameWriter();
  private final FrameReader reader = FrameReader.forClient(FrameLimits.frameSizeOnly(16 << 20));

  private StalledStompSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to the STOMP WebSocket endpoint {@code uri} (ws://host:port/path), logs in as {@code
   * login}, subscribes to {@code destination} and waits for the receipt, then stops reading.
   */
  public static StalledStompSocket subscribe(URI uri, String login, String destination)
      throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(2048);
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    socket.setSoTimeout(20_000);
    StalledStompSocket s = new StalledStompSocket(socket);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    s.out.write(
        ("GET "
                + uri.getPath()
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + ":"
                + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    String response = s.readHttpHead();
    if (!response.startsWith("HTTP/1.1 101")) {
      throw new IOException("WebSocket upgrade refused: " + response);
    }
    s.send(
        Command.CONNECT,
        Map.of(
            HeaderNames.ACCEPT_VERSION,
            "1.2",
            HeaderNames.HOST,
            "localhost",
            HeaderNames.LOGIN,
            login,
            HeaderNames.HEART_BEAT,
            "0,0"));
    s.expect(Command.CONNECTED);
    s.send(
        Command.SUBSCRIBE,
        Map.of(
            HeaderNames.ID,
            "slow",
            HeaderNames.DESTINATION,
            destination,
            HeaderNames.RECEIPT,
            "subscribed"));
    s.expect(Command.RECEIPT);
    return s;
  }

  /**
   * Sends DISCONNECT asking for a receipt, and still reads nothing: the server's receipt and close
   * frame back up behind what it already wrote.
   */
  public void disconnect(String receipt) throws IOException {
    send(Command.DISCONNECT, Map.of(HeaderNames.RECEIPT, receipt));
  }

  /**
   * Reads everything left until the server closes the connection or {@code silence} passes without
   * a byte (then the connection was not closed: {@code closedByServer} false).
   */
  public Ending drain(Duration silence) throws IOException {
    socket.setSoTimeout((int) silence.toMillis());
    int messages = 0;
    String error = "";
    String detail = "";
    try {
      while (true) {
        Frame f = readFrame();
        if (f.opcode == 8) {
          return new Ending(messages, error, true, detail + " close frame");
        }
        for (StompFrame frame : reader.read(new String(f.payload, StandardCharsets.UTF_8))) {
          if (frame.command() == Command.MESSAGE) {
            messages++;
          } else if (frame.command() == Command.ERROR) {
            error = writer.write(frame);
            detail = frame.header(HeaderNames.MESSAGE).map(m -> "message:" + m).orElse("");
          }
        }
      }
    } catch (SocketTimeoutException e) {
      return new Ending(messages, error, false, "still open after " + silence);
    } catch (EOFException | java.net.SocketException e) {
      return new Ending(messages, error, true, detail + " " + e.getClass().getSimpleName());
    }
  }

  private record Frame(int opcode, byte[] payload) {}

  private Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  private void expect(Command command) throws IOException {
    Frame f = readFrame();
    List<StompFrame> frames = reader.read(new String(f.payload, StandardCharsets.UTF_8));
    if (frames.isEmpty() || frames.get(0).command() != command) {
      throw new IOException("expected " + command + ", got " + frames);
    }
  }

  private void send(Command command, Map<String, String> headers) throws IOException {
    sendText(writer.write(StompFrame.of(command, headers)));
  }

  private void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81); // FIN + text
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  private String readHttpHead() throws IOException {
    InputStream raw = in;
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = raw.read();
      if (c < 0) {
        throw new EOFException("connection closed during the WebSocket handshake: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
