package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.Heartbeat;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heart-beats of the current link on the io thread: sends an EOL when the client has been quiet for
 * half the negotiated interval, and closes the link as lost when the server stays silent beyond
 * {@link Heartbeat#silenceLimitMillis()}. Thread-safe.
 */
final class HeartbeatTimer {
  private final ScheduledExecutorService io;
  private volatile ScheduledFuture<?> task;

  HeartbeatTimer(ScheduledExecutorService io) {
    this.io = io;
  }

  /**
   * Starts the heart-beats of {@code link}, ending those of the previous link. When the link is
   * closed already (it may close before this runs, and its {@link #stop} then came first), nothing
   * keeps running.
   */
  synchronized void start(Link link, Heartbeat heartbeat) {
    stop();
    long send = heartbeat.sendEveryMillis();
    long silence = heartbeat.silenceLimitMillis();
    if (send == 0 && silence == 0) {
      return;
    }
    long tick =
        Math.max(100, Math.min(send == 0 ? silence : send, silence == 0 ? send : silence) / 4);
    ScheduledFuture<?> started;
    try {
      started =
          io.scheduleWithFixedDelay(
              () -> beat(link, send, silence), tick, tick, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return; // the client is closing
    }
    task = started;
    if (link.isClosed()) {
      // closed meanwhile: its close handling may have run its stop() before this task existed
      started.cancel(false);
    }
  }

  private void beat(Link link, long send, long silence) {
    long now = System.nanoTime();
    if (silence > 0 && now - link.lastInboundNanos() > TimeUnit.MILLISECONDS.toNanos(silence)) {
      link.close(
          new ChatClientException(
              "connection-lost",
              "Nothing received from the server for more than " + silence + " ms"));
      return;
    }
    if (send > 0 && now - link.lastOutboundNanos() >= TimeUnit.MILLISECONDS.toNanos(send / 2)) {
      try {
        link.write(FrameWriter.HEARTBEAT);
      } catch (IOException e) {
        link.close(new ChatClientException("connection-lost", "Heart-beat write failed", e));
      }
    }
  }

  synchronized void stop() {
    ScheduledFuture<?> current = task;
    if (current != null) {
      current.cancel(false);
    }
  }
}
