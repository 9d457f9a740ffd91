package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  private static final long MS = 1_000_000L;

  @Test
  void latencyIsMeasuredFromTheIntendedTimeNotTheActualSend() {
    LatencyRecorder rec = new LatencyRecorder(0, 1000 * MS);
    // The sender stalled 200 ms and sent messages due at 10, 20, ... ms all at 210 ms;
    // each arrives 1 ms after the actual send. Coordinated omission would report 1 ms.
    for (long due = 10; due <= 200; due += 10) {
      rec.expect(due * MS, 1);
      rec.record(due * MS, 211 * MS);
    }
    LatencyRecorder.Result r = rec.result();
    assertThat(r.p50Micros()).isBetween(100_000L, 102_000L);
    assertThat(r.maxMicros()).isBetween(200_000L, 202_000L);
    assertThat(r.lost()).isZero();
  }

  @Test
  void warmUpAndLaterMessagesAreIgnored() {
    LatencyRecorder rec = new LatencyRecorder(100 * MS, 200 * MS);
    rec.expect(50 * MS, 10);
    rec.record(50 * MS, 51 * MS);
    rec.expect(200 * MS, 10);
    rec.record(200 * MS, 201 * MS);
    rec.expect(150 * MS, 3);
    rec.record(150 * MS, 152 * MS);
    LatencyRecorder.Result r = rec.result();
    assertThat(r.expected()).isEqualTo(3);
    assertThat(r.received()).isEqualTo(1);
    assertThat(r.lost()).isEqualTo(2);
    assertThat(r.p99Micros()).isBetween(1_999L, 2_001L);
    assertThat(r.deliveriesPerSecond()).isEqualTo(10.0);
  }

  @Test
  void windowWorksAcrossNanoTimeOverflow() {
    long start = Long.MAX_VALUE - 5 * MS;
    LatencyRecorder rec = new LatencyRecorder(start, start + 10 * MS);
    long due = start + 8 * MS; // overflows to negative
    rec.expect(due, 1);
    rec.record(due, due + 3 * MS);
    assertThat(rec.result().received()).isEqualTo(1);
    assertThat(rec.result().p50Micros()).isBetween(2_999L, 3_001L);
  }

  @Test
  void spreadGivesEachMessagesFirstAndLastDelivery() {
    LatencyRecorder rec = new LatencyRecorder(0, 1000 * MS);
    // 100 messages of 3 copies each: the first copy after 2 ms, the last after 40 ms (the
    // message due at 500 ms: 90 ms), arriving in any order; a warm-up message does not count.
    for (long i = 0; i < 100; i++) {
      long due = (i * 10) * MS;
      long last = i == 50 ? 90 : 40;
      rec.record(due, due + 20 * MS);
      rec.record(due, due + last * MS);
      rec.record(due, due + 2 * MS);
    }
    rec.record(-5 * MS, 500 * MS);
    LatencyRecorder.Spread s = rec.spread();
    assertThat(s.messages()).isEqualTo(100);
    assertThat(s.firstP50Micros()).isCloseTo(2_000L, withinPercentage(0.5));
    assertThat(s.firstP99Micros()).isCloseTo(2_000L, withinPercentage(0.5));
    assertThat(s.lastP50Micros()).isCloseTo(40_000L, withinPercentage(0.5));
    assertThat(s.lastP99Micros()).isCloseTo(40_000L, withinPercentage(0.5));
    // Later copies of messages 60 and 61 move their last delivery.
    rec.record(600 * MS, 700 * MS);
    rec.record(610 * MS, 711 * MS);
    assertThat(rec.spread().lastP99Micros()).isCloseTo(100_000L, withinPercentage(0.5));
    assertThat(s.summary()).contains("first delivery p50=2.00 ms");
  }

  @Test
  void emptySpreadSaysNotAvailable() {
    LatencyRecorder.Spread s = new LatencyRecorder(0, MS).spread();
    assertThat(s.messages()).isZero();
    assertThat(s.lastP99Micros()).isEqualTo(-1);
  }

  @Test
  void emptyResultSaysNotAvailable() {
    LatencyRecorder.Result r = new LatencyRecorder(0, MS).result();
    assertThat(r.p50Micros()).isEqualTo(-1);
    assertThat(r.summary()).contains("p50=n/a");
  }
}
