package io.chatstack.server.internal;

import io.chatstack.server.StompTransport;
import io.chatstack.stomp.FrameWriter;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The frames waiting to be written to one client: bounded, written asynchronously with one write in
 * flight, and coalesced (frames queued while a write is in flight go out together in one WebSocket
 * message, which STOMP over WebSocket allows). When the client does not keep up and the queue is
 * full, the pending frames are dropped, the client gets an ERROR and the connection is closed;
 * memory never grows beyond the bound. Thread-safe.
 */
public final class OutboundQueue {
  static final int MAX_BATCH_CHARS = 64 * 1024;

  private final StompTransport transport;
  private final int capacity;
  private final String overflowError;
  private final ScheduledExecutorService scheduler;
  private final long closeTimeoutMillis;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final AtomicInteger pumpRequests = new AtomicInteger();

  /** {@link #written}, made once rather than per write. */
  private final Consumer<Throwable> onWritten = this::written;

  private boolean writing;
  private int pacedWaiters;
  private boolean closing;
  private boolean finished;
  private boolean violation;
  private String reason;

  public OutboundQueue(
      StompTransport transport,
      int capacity,
      String overflowError,
      ScheduledExecutorService scheduler,
      long closeTimeoutMillis) {
    this.transport = transport;
    this.capacity = capacity;
    this.overflowError = overflowError;
    this.scheduler = scheduler;
    this.closeTimeoutMillis = closeTimeoutMillis;
  }

  /**
   * Queues a frame; false when the queue is closing. A full queue closes the connection. When
   * nothing is queued or being written, the frame is written at once, on the calling thread,
   * without passing through the queue.
   */
  public boolean offer(String frame) {
    boolean direct = false;
    synchronized (this) {
      if (closing || finished) {
        return false;
      }
      if (queue.size() >= capacity) {
        queue.clear();
        startClosing(overflowError, true, "slow-consumer");
      } else if (!writing && queue.isEmpty()) {
        // The idle queue's fast path: the usual case for a client that keeps up.
        writing = true;
        direct = true;
      } else {
        queue.add(frame);
      }
    }
    if (direct) {
      transport.send(frame, onWritten);
    } else {
      pump();
    }
    return true;
  }

  /**
   * Queues a frame, waiting up to {@code stallMillis} for room while the queue is full (for replays
   * that the reader of this connection paces); only when no room appears in time does the
   * connection close as for {@link #offer(String)}. False when the queue is closing.
   */
  public boolean offerPaced(String frame, long stallMillis) {
    boolean paced = false;
    synchronized (this) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
      while (queue.size() >= capacity && !closing && !finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        pacedWaiters++;
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } finally {
          pacedWaiters--;
        }
      }
      if (closing || finished) {
        return false;
      }
      if (queue.size() < capacity) {
        queue.add(frame);
        paced = true;
      }
    }
    if (paced) {
      pump();
      return true;
    }
    return offer(frame);
  }

  /** Queues a heart-beat unless other frames are already waiting or being written. */
  public void offerHeartbeat() {
    synchronized (this) {
      if (writing || !queue.isEmpty() || closing || finished) {
        return;
      }
      queue.add(FrameWriter.HEARTBEAT);
    }
    pump();
  }

  /** Writes what is queued, then {@code lastFrame} (if not null), then closes the connection. */
  public void closeAfter(String lastFrame, boolean violation, String reason) {
    synchronized (this) {
      if (closing || finished) {
        return;
      }
      startClosing(lastFrame, violation, reason);
    }
    pump();
  }

  /** The transport closed by itself: drop everything. */
  public synchronized void terminate() {
    finished = true;
    queue.clear();
    notifyAll();
  }

  /** Frames waiting (for tests and metrics). */
  public synchronized int size() {
    return queue.size();
  }

  private void startClosing(String lastFrame, boolean isViolation, String why) {
    if (lastFrame != null) {
      queue.add(lastFrame);
    }
    closing = true;
    notifyAll();
    violation = isViolation;
    reason = why;
    try {
      scheduler.schedule(this::forceClose, closeTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Scheduler stopped: the server is shutting down and closes every connection anyway.
    }
  }

  private void forceClose() {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      queue.clear();
    }
    transport.close(violation, reason);
  }

  // Drain loop: a write completing synchronously re-enters pump(), which then only counts a
  // request.
  private void pump() {
    if (pumpRequests.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      step();
      missed = pumpRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    String batch = null;
    boolean close = false;
    synchronized (this) {
      if (finished || writing) {
        return;
      }
      if (!queue.isEmpty()) {
        batch = drain();
        writing = true;
      } else if (closing) {
        finished = true;
        close = true;
      }
    }
    if (batch != null) {
      transport.send(batch, onWritten);
    } else if (close) {
      transport.close(violation, reason);
    }
  }

  private String drain() {
    if (pacedWaiters > 0) {
      notifyAll(); // room for paced offers
    }
    String first = queue.poll();
    if (queue.isEmpty()) {
      return first;
    }
    StringBuilder batch = new StringBuilder(first);
    while (!queue.isEmpty() && batch.length() + queue.peek().length() <= MAX_BATCH_CHARS) {
      batch.append(queue.poll());
    }
    return batch.toString();
  }

  private void written(Throwable failure) {
    synchronized (this) {
      writing = false;
      if (failure != null) {
        finished = true;
        queue.clear();
      } else if (queue.isEmpty() && !closing) {
        // Nothing to do: the next offer writes at once, a close pumps itself.
        return;
      }
    }
    if (failure != null) {
      transport.close(false, "write-failed");
    } else {
      pump();
    }
  }
}
