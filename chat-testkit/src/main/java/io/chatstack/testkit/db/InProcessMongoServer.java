package io.chatstack.testkit.db;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server, in-memory backend), for tests and
 * dev services. Real drivers connect to it over TCP on 127.0.0.1. Data lives only as long as the
 * server; a new server on the same port starts empty.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} binds and accepts connections; {@link #close()} stops
 * it and drops every open connection (idempotent).
 */
public final class InProcessMongoServer implements AutoCloseable {
  private final MongoServer server;
  private final int port;

  private InProcessMongoServer(MongoServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server on a free port. */
  public static InProcessMongoServer start() {
    return start(0);
  }

  /**
   * Starts a server on {@code port} (0 for a free one), for example to restart one that was closed.
   */
  public static InProcessMongoServer start(int port) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
    InetSocketAddress address = server.getLocalAddress();
    return new InProcessMongoServer(server, address.getPort());
  }

  /** The TCP port it listens on. */
  public int port() {
    return port;
  }

  /** A connection string for drivers, e.g. {@code mongodb://127.0.0.1:27017}. */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  @Override
  public String toString() {
    return "in-process mongo-java-server at 127.0.0.1:" + port;
  }
}
