package io.chatstack.server.internal;

import io.chatstack.server.RoomAccess;
import io.chatstack.server.StompServerConfig;
import io.chatstack.stomp.RouteParser;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all connections of one STOMP endpoint share: configuration, codecs, the encode-once cache
 * and the scheduler. Thread-safe. {@link #close()} stops the scheduler if this runtime created it.
 */
public final class StompRuntime implements AutoCloseable {
  private final StompServerConfig config;
  private final OutboundFrames frames = new OutboundFrames();
  private final SharedMessages shared;
  private final RouteParser router;
  private final Payloads payloads;
  private final RoomAccess access;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;

  public StompRuntime(StompServerConfig config) {
    this.config = config;
    this.shared = new SharedMessages(frames, config.destinations(), 1024);
    this.router = new RouteParser(config.destinations());
    this.payloads = new Payloads(config.limits().maxJsonDepth(), config.limits().maxBodyBytes());
    this.access = config.roomAccess();
    this.ownsScheduler = config.scheduler().isEmpty();
    this.scheduler =
        config
            .scheduler()
            .orElseGet(
                () ->
                    Executors.newSingleThreadScheduledExecutor(
                        r -> {
                          Thread t = new Thread(r, "chatstack-stomp-scheduler");
                          t.setDaemon(true);
                          return t;
                        }));
  }

  public StompServerConfig config() {
    return config;
  }

  public OutboundFrames frames() {
    return frames;
  }

  public SharedMessages shared() {
    return shared;
  }

  public RouteParser router() {
    return router;
  }

  public Payloads payloads() {
    return payloads;
  }

  /** The room rules every destination applies. */
  public RoomAccess access() {
    return access;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }
}
