package io.chatstack.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The proxy against a real echo server on a local socket. */
class TcpProxyTest {

  private static Thread echo(ServerSocket server) {
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException e) {
                  // server closed
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String roundTrip(int port, String text) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void forwardsStopsAndResumesOnTheSamePort() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0);
        TcpProxy proxy = TcpProxy.start("127.0.0.1", upstream.getLocalPort())) {
      echo(upstream);
      assertThat(roundTrip(proxy.port(), "hello")).isEqualTo("hello");
      int port = proxy.port();

      proxy.stop();
      assertThatThrownBy(() -> roundTrip(port, "lost")).isInstanceOf(ConnectException.class);

      proxy.resume();
      assertThat(proxy.port()).isEqualTo(port);
      assertThat(roundTrip(port, "again")).isEqualTo("again");
    }
  }
}
