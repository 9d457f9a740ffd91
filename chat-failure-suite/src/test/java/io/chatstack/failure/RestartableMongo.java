package io.chatstack.failure;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A MongoDB wire-protocol server (mongo-java-server) that can be stopped and started again on the
 * same port with its data kept, like a real mongod restarting on its data directory: the in-memory
 * backend outlives the server (its {@code close()} is ignored until {@link #close()}). Stopping
 * closes the listening socket and every client connection. Thread-safe (synchronized).
 */
final class RestartableMongo implements AutoCloseable {
  private final MemoryBackend data = new MemoryBackend();
  private final MongoBackend kept;
  private MongoServer server;
  private int port;

  RestartableMongo() {
    kept =
        (MongoBackend)
            Proxy.newProxyInstance(
                MongoBackend.class.getClassLoader(),
                new Class<?>[] {MongoBackend.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    return null; // the server stops; the data stays
                  }
                  try {
                    return method.invoke(data, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    start();
  }

  synchronized int port() {
    return port;
  }

  synchronized String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  /** Stops serving: the port is closed and every connection dropped. */
  synchronized void stop() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  /** Serves again on the same port (a free one the first time), with the same data. */
  synchronized void start() {
    if (server == null) {
      MongoServer next = new MongoServer(kept);
      next.bind("127.0.0.1", port);
      port = next.getLocalAddress().getPort();
      server = next;
    }
  }

  @Override
  public synchronized void close() {
    stop();
    data.close();
  }
}
