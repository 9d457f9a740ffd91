package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ReadReceipt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private final ReceiptThrottle throttle = new ReceiptThrottle(Duration.ofSeconds(1));

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  private static ReadReceipt bob(long seq) {
    return new ReadReceipt(1, "bob", seq);
  }

  @Test
  void theFirstReceiptGoesAtOnceAndLaterOnesWaitForTheInterval() {
    assertThat(throttle.offer(bob(3), at(0))).isEqualTo(bob(3));
    assertThat(throttle.offer(bob(4), at(100))).isNull();
    assertThat(throttle.offer(bob(6), at(200))).isNull();
    assertThat(throttle.offer(bob(5), at(300))).isNull();
    assertThat(throttle.due(at(999))).isEmpty();
    assertThat(throttle.due(at(1000))).containsExactly(bob(6));
    assertThat(throttle.due(at(1500))).isEmpty();
    assertThat(throttle.offer(bob(7), at(1999))).isNull();
    assertThat(throttle.due(at(2000))).containsExactly(bob(7));
  }

  @Test
  void aReceiptAfterAQuietIntervalGoesAtOnce() {
    throttle.offer(bob(3), at(0));
    assertThat(throttle.offer(bob(4), at(1000))).isEqualTo(bob(4));
    assertThat(throttle.offer(bob(5), at(1001))).isNull();
  }

  @Test
  void anOlderOrRepeatedSeqIsDropped() {
    throttle.offer(bob(5), at(0));
    assertThat(throttle.offer(bob(5), at(2000))).isNull();
    assertThat(throttle.offer(bob(4), at(2000))).isNull();
    assertThat(throttle.due(at(5000))).isEmpty();
  }

  @Test
  void usersAndRoomsAreThrottledApart() {
    assertThat(throttle.offer(bob(3), at(0))).isEqualTo(bob(3));
    ReadReceipt alice = new ReadReceipt(1, "alice", 3);
    ReadReceipt otherRoom = new ReadReceipt(2, "bob", 3);
    assertThat(throttle.offer(alice, at(1))).isEqualTo(alice);
    assertThat(throttle.offer(otherRoom, at(2))).isEqualTo(otherRoom);
    assertThat(throttle.size()).isEqualTo(3);
  }

  @Test
  void quietUsersAreForgottenAfterTheInterval() {
    throttle.offer(bob(3), at(0));
    throttle.offer(bob(4), at(10));
    assertThat(throttle.due(at(1000))).containsExactly(bob(4));
    assertThat(throttle.size()).isEqualTo(1);
    assertThat(throttle.due(at(1999))).isEmpty();
    assertThat(throttle.size()).isEqualTo(1);
    assertThat(throttle.due(at(2000))).isEmpty();
    assertThat(throttle.size()).isZero();
  }

  @Test
  void aZeroIntervalSendsEveryNewerReceipt() {
    ReceiptThrottle none = new ReceiptThrottle(Duration.ZERO);
    assertThat(none.offer(bob(1), at(0))).isEqualTo(bob(1));
    assertThat(none.offer(bob(2), at(0))).isEqualTo(bob(2));
  }
}
