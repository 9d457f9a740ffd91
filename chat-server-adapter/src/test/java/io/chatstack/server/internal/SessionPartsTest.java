package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatException;
import io.chatstack.core.Subscription;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.Heartbeat;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small per-connection parts: rate limiter, pending subscription, timers and error queue. */
class SessionPartsTest {

  @Test
  void rateLimiterAllowsABurstThenRefillsAtTheRate() {
    AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
    RateLimiter limiter = new RateLimiter(2, clock::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    assertThat(limiter.tryAcquire()).isFalse();

    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // one token at 2 per second
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    clock.addAndGet(TimeUnit.SECONDS.toNanos(60)); // refills up to the burst only
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void rateLimiterOfOneAllowsExactlyOne() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, clock::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(limiter.tryAcquire()).isFalse();
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(limiter.tryAcquire()).isTrue();
  }

  @Test
  void pendingSubscriptionClosedBeforeAttachClosesTheRealOneOnArrival() {
    PendingSubscription pending = new PendingSubscription();
    AtomicInteger closed = new AtomicInteger();
    assertThat(pending.stopped()).isFalse();

    pending.close();
    assertThat(pending.stopped()).isTrue();
    pending.attach(closed::incrementAndGet);

    assertThat(closed).hasValue(1);
  }

  @Test
  void pendingSubscriptionClosesTheAttachedOne() {
    PendingSubscription pending = new PendingSubscription();
    AtomicInteger closed = new AtomicInteger();
    pending.attach(closed::incrementAndGet);
    assertThat(closed).hasValue(0);

    pending.stop();
    assertThat(pending.stopped()).isTrue();
    assertThat(closed).hasValue(0);
    pending.close();

    assertThat(closed).hasValue(1);
  }

  @Test
  void deadlineFiresOnceUnlessCancelledOrRestarted() {
    ManualScheduler scheduler = new ManualScheduler();
    AtomicInteger fired = new AtomicInteger();
    Deadline deadline = new Deadline(scheduler, 100, fired::incrementAndGet);

    deadline.start();
    scheduler.advance(Duration.ofMillis(60));
    deadline.start(); // restart: due at 160
    scheduler.advance(Duration.ofMillis(60));
    assertThat(fired).hasValue(0);
    deadline.startIfStopped(); // running: unchanged
    scheduler.advance(Duration.ofMillis(40));
    assertThat(fired).hasValue(1);

    deadline.startIfStopped(); // stopped after firing: starts
    deadline.cancel();
    scheduler.advance(Duration.ofMillis(200));
    assertThat(fired).hasValue(1);

    deadline.close();
    deadline.start();
    scheduler.advance(Duration.ofMillis(200));
    assertThat(fired).hasValue(1);
  }

  @Test
  void heartbeatTimersSendOnTheIntervalAndReportSilenceUntilCancelled() {
    ManualScheduler scheduler = new ManualScheduler();
    RecordingTransport transport = new RecordingTransport();
    OutboundQueue outbound = new OutboundQueue(transport, 10, "overflow", scheduler, 1_000);
    HeartbeatTimers timers = new HeartbeatTimers(scheduler);
    AtomicInteger silences = new AtomicInteger();
    long longAgo = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);

    timers.start(new Heartbeat(300, 1_000), outbound, () -> longAgo, silences::incrementAndGet);
    scheduler.advance(Duration.ofMillis(600));

    assertThat(transport.written).containsExactly(FrameWriter.HEARTBEAT, FrameWriter.HEARTBEAT);
    assertThat(silences).hasValue(1); // checked every 500 ms
    timers.cancel();
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(transport.written).hasSize(2);
    assertThat(silences).hasValue(1);

    timers.start(new Heartbeat(300, 1_000), outbound, () -> longAgo, silences::incrementAndGet);
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(transport.written).hasSize(2);
  }

  @Test
  void heartbeatTimersLeaveAnActiveClientAlone() {
    ManualScheduler scheduler = new ManualScheduler();
    OutboundQueue outbound =
        new OutboundQueue(new RecordingTransport(), 10, "overflow", scheduler, 1_000);
    HeartbeatTimers timers = new HeartbeatTimers(scheduler);
    AtomicInteger silences = new AtomicInteger();

    timers.start(new Heartbeat(0, 1_000), outbound, System::nanoTime, silences::incrementAndGet);
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(silences).hasValue(0);
  }

  @Test
  void errorQueueDeliversOnlyWhileSubscribedAndOpen() {
    RecordingReplies replies = new RecordingReplies();
    ErrorQueue errors = new ErrorQueue("/user/queue/errors", new FrameWriter(), replies);
    ChatException problem = new ChatException("some-code", "went wrong");

    assertThat(errors.report(problem, "r0")).isFalse();
    Subscription subscription = errors.subscribe(FrameWriter.subscriptionHeader("e1"));
    assertThat(errors.report(problem, "r1")).isTrue();
    assertThat(errors.report(problem, null)).isTrue();
    replies.open = false;
    assertThat(errors.report(problem, "r2")).isFalse();
    replies.open = true;
    subscription.close();
    assertThat(errors.report(problem, "r3")).isFalse();
    errors.revoked(7, "s1");

    assertThat(replies.frames()).hasSize(2);
    TestFrame first = replies.frames().get(0);
    assertThat(first.header("subscription")).isEqualTo("e1");
    assertThat(first.header("destination")).isEqualTo("/user/queue/errors");
    assertThat(first.header("receipt-id")).isEqualTo("r1");
    assertThat(first.body()).contains("some-code").contains("went wrong");
    assertThat(replies.frames().get(1).header("receipt-id")).isNull();
  }
}
