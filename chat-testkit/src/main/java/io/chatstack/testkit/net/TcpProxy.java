package io.chatstack.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server, for outage tests: {@link #stop()} refuses
 * new connections and cuts every open one, as if the server went down; {@link #resume()} listens on
 * the same port again. Traffic is copied byte for byte.
 *
 * <p>Thread-safe. Uses two daemon threads per forwarded connection plus one accept thread. Lifecycle:
 * {@link #start} listens at once; {@link #close()} stops for good (idempotent).
 */
public final class TcpProxy implements AutoCloseable {
  private final String upstreamHost;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private int port;
  private ServerSocket listener;

  private TcpProxy(String upstreamHost, int upstreamPort) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
  }

  /** Starts forwarding a free local port to {@code upstreamHost:upstreamPort}. */
  public static TcpProxy start(String upstreamHost, int upstreamPort) {
    TcpProxy proxy = new TcpProxy(upstreamHost, upstreamPort);
    proxy.listen(0);
    return proxy;
  }

  /** The local port clients connect to; stays the same across {@link #stop()} and {@link #resume()}. */
  public synchronized int port() {
    return port;
  }

  /** Closes the listening socket and every forwarded connection. */
  public synchronized void stop() {
    closeQuietly(listener);
    listener = null;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Listens on the same port again after {@link #stop()}. */
  public synchronized void resume() {
    if (listener == null) {
      listen(port);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void listen(int requestedPort) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("127.0.0.1", requestedPort));
      listener = server;
      port = server.getLocalPort();
      daemon("tcp-proxy-accept-" + port, () -> accept(server));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
    }
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(upstreamHost, upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        daemon("tcp-proxy-up-" + port, () -> pump(client, upstream));
        daemon("tcp-proxy-down-" + port, () -> pump(upstream, client));
      } catch (IOException e) {
        // The listener was closed by stop(), or the upstream refused: the client sees a reset.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // Either side closed; closing both below ends the other direction too.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // Best effort: the socket is being discarded.
      }
    }
  }
}
