package io.chatstack.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.Room;
import io.chatstack.testkit.db.TestDatabases;
import io.chatstack.testkit.db.TestMySql;
import io.chatstack.testkit.net.TcpProxy;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database outage and its end. The shared MariaDB cannot be stopped, so the repository talks to
 * it through a TCP proxy owned by this test: stopping the proxy refuses new connections and cuts
 * the pooled ones, which is what the driver sees when the server goes down; resuming it on the same
 * port is the server coming back. The pool is a real HikariCP with a short connection timeout.
 */
class JdbiRoomRepositoryOutageIT {
  private TcpProxy proxy;
  private HikariDataSource dataSource;
  private JdbiRoomRepository repository;

  @BeforeEach
  void connectThroughProxy() {
    TestMySql mysql = TestDatabases.mysql();
    proxy = TcpProxy.start(mysql.host(), mysql.port());
    dataSource = mysql.newDataSource(mysql.jdbcUrl("127.0.0.1", proxy.port()), 2, 1_000);
    repository =
        JdbiRoomRepository.builder(dataSource).initializeSchema(InitializeSchema.ALWAYS).build();
  }

  @AfterEach
  void close() {
    dataSource.close();
    proxy.close();
  }

  @Test
  void anOutageSurfacesAsUnavailableAndTheNextCallAfterItWorks() {
    Room room = repository.create("outage", "alice", Instant.now());

    proxy.stop();
    assertThatThrownBy(() -> repository.addParticipant(room.id(), "bob"))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("Room store (JDBC) failed during join room " + room.id())
        .hasMessageContaining("check that the database is reachable");
    assertThatThrownBy(() -> repository.findById(room.id()))
        .isInstanceOf(ChatUnavailableException.class);

    proxy.resume();
    assertThat(repository.addParticipant(room.id(), "bob")).isTrue();
    assertThat(repository.findById(room.id()).orElseThrow().participants())
        .containsExactly("alice", "bob");
  }
}
