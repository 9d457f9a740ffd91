package io.chatstack.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

  @Test
  void anUnreachableLocalMariaDbFailsWithHowToFixIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> TestDatabases.localMariaDb("127.0.0.1", closedPort))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("local MariaDB at 127.0.0.1:" + closedPort)
        .hasMessageContaining(
            "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd")
        .hasMessageContaining("CHATSTACK_TEST_MYSQL_URL=jdbc:mysql://");
  }

  @Test
  void theInProcessMongoServerAnswersOnItsPortUntilClosed() throws Exception {
    int port;
    try (InProcessMongoServer server = InProcessMongoServer.start()) {
      port = server.port();
      assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        assertThat(socket.isConnected()).isTrue();
      }
    }
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port))
        .isInstanceOf(java.net.ConnectException.class);
  }
}
