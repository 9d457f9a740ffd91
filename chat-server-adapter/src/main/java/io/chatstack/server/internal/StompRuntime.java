package io.chatstack.server.internal;

import io.chatstack.server.RoomAccess;
import io.chatstack.server.StompServerConfig;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.PayloadReader;
import io.chatstack.stomp.RouteParser;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all connections of one STOMP endpoint share: configuration, codecs, the encode-once cache
 * and the scheduler. Thread-safe. {@link #close()} stops the scheduler if this runtime created it.
 */
public final class StompRuntime implements AutoCloseable {
  private final StompServerConfig config;
  private final FrameWriter frames = new FrameWriter();
  private final SharedMessages shared;
  private final RouteParser router;
  private final PayloadReader payloads;
  private final RoomAccess access;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final String slowConsumerError;
  private final FrameLimits frameLimits;

  public StompRuntime(StompServerConfig config) {
    this.config = config;
    this.shared = new SharedMessages(frames, config.destinations(), 1024);
    this.router = new RouteParser(config.destinations());
    this.payloads =
        new PayloadReader(config.limits().maxJsonDepth(), config.limits().maxBodyBytes());
    this.access = config.roomAccess();
    this.frameLimits = config.limits().frameLimits();
    // The same for every connection: one copy, not one per idle connection.
    this.slowConsumerError =
        frames.error(
            ErrorCodes.SLOW_CONSUMER,
            "Too many frames waiting for this client (limit "
                + config.limits().outboundQueueFrames()
                + "); read faster, subscribe to fewer rooms, or reconnect with since-seq",
            null);
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

  public FrameWriter frames() {
    return frames;
  }

  public SharedMessages shared() {
    return shared;
  }

  public RouteParser router() {
    return router;
  }

  public PayloadReader payloads() {
    return payloads;
  }

  /** The frame reader's limits, one instance for every connection. */
  public FrameLimits frameLimits() {
    return frameLimits;
  }

  /** The room rules every destination applies. */
  public RoomAccess access() {
    return access;
  }

  /** The ERROR frame that tells a client it fell too far behind (the same for every connection). */
  public String slowConsumerError() {
    return slowConsumerError;
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
