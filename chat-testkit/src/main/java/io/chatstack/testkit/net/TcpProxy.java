package io.chatstack.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server, for outage tests: {@link #stop()} refuses
 * new connections and cuts every open one, as if the server went down; {@link #resume()} listens on
 * the same port again. Traffic is copied byte for byte.
 *
 * <p>Thread-safe. Uses two daemon threads per forwarded connection plus one accept thread.
 * Lifecycle: {@link #start} listens at once; {@link #close()} stops for good (idempotent).
 */
public final class TcpProxy implements AutoCloseable {
  private final String upstreamHost;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private int port;
  private ServerSocket listener;
  private Thread acceptor;

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

  /**
   * The local port clients connect to; stays the same across {@link #stop()} and {@link #resume()}.
   */
  public synchronized int port() {
    return port;
  }

  /** Closes the listening socket and every forwarded connection. */
  public synchronized void stop() {
    closeQuietly(listener);
    listener = null;
    // A thread blocked in accept() can keep the kernel socket listening after close(); only when it
    // has left accept() is the port really closed.
    if (acceptor != null) {
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      acceptor = null;
    }
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
      server.setSoTimeout(100);
      listener = server;
      port = server.getLocalPort();
      acceptor = daemon("tcp-proxy-accept-" + port, () -> accept(server));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
    }
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (server.isClosed()) {
          closeQuietly(client);
          return;
        }
        Socket upstream;
        try {
          upstream = new Socket(upstreamHost, upstreamPort);
        } catch (IOException refused) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        AtomicInteger openDirections = new AtomicInteger(2);
        daemon("tcp-proxy-up-" + port, () -> pump(client, upstream, openDirections));
        daemon("tcp-proxy-down-" + port, () -> pump(upstream, client, openDirections));
      } catch (SocketTimeoutException e) {
        // Wake up regularly to notice stop().
      } catch (IOException e) {
        // The listener was closed by stop().
      }
    }
  }

  /** Copies one direction; an end of stream is passed on as a half-close, an error closes both. */
  private void pump(Socket from, Socket to, AtomicInteger openDirections) {
    byte[] buffer = new byte[16 * 1024];
    boolean clean = false;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
      clean = true;
    } catch (IOException e) {
      // Either side closed or stop() cut the connection.
    }
    if (!clean || openDirections.decrementAndGet() == 0) {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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
