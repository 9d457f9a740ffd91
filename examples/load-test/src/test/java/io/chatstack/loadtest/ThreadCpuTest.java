package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.loadtest.ThreadCpu.Group;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void readsTheThreadNameAndItsTicks() {
    String stat = "77 (http-nio-8080-) S 1 4242 4242 0 -1 4194560 1000 0 0 0 30 20 0 0 20 0 40 0 1";
    assertThat(ThreadCpu.parse(stat)).isEqualTo(new Group("http-nio-8080-", 50 * 10_000_000L));
  }

  @Test
  void foldsNumbersSoThatAPoolIsOneGroup() {
    assertThat(ThreadCpu.group("http-nio-8080-e")).isEqualTo("http-nio-#-e");
    assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo(ThreadCpu.group("GC Thread#0"));
  }

  @Test
  void sumsEachGroupsUseOverTheWindowAndCountsWhatEndedThreadsTook() {
    Map<Long, Group> start =
        Map.of(1L, new Group("gc", 100), 2L, new Group("gc", 50), 3L, new Group("fanout", 10));
    // thread 4 started inside the window; thread 5 (not listed at the end) ended inside it
    Map<Long, Group> end =
        Map.of(
            1L, new Group("gc", 130),
            2L, new Group("gc", 60),
            3L, new Group("fanout", 110),
            4L, new Group("fanout", 5));
    List<Group> groups = ThreadCpu.groups(start, end, 200);
    assertThat(groups)
        .containsExactly(
            new Group("fanout", 105), new Group(ThreadCpu.ENDED, 55), new Group("gc", 40));
  }

  @Test
  void formatsTheLargestGroupsPerCountAndTheRestInOne() {
    List<Group> groups =
        List.of(new Group("a", 6_000_000), new Group("b", 3_000_000), new Group("c", 1_000_000));
    assertThat(ThreadCpu.format(groups, 1000, 2))
        .isEqualTo("a 6.0 µs (60%), b 3.0 µs (30%), others 1.0 µs (10%)");
    assertThat(ThreadCpu.format(List.of(), 1000, 2)).isEqualTo("n/a");
  }

  @Test
  void countsTheJitCompilerThreadsApart() {
    List<Group> groups =
        List.of(
            new Group(ThreadCpu.group("C2 CompilerThre"), 70),
            new Group(ThreadCpu.group("C1 CompilerThre"), 20),
            new Group("fanout-chatstac", 10));
    assertThat(ThreadCpu.compilerNanos(groups)).isEqualTo(90);
    assertThat(ThreadCpu.totalNanos(groups)).isEqualTo(100);
  }

  @Test
  void readsThisProcessThreads() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              started.countDown();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "probe-worker-17");
    worker.start();
    started.await();
    try {
      ThreadCpu probe = new ThreadCpu(ProcessHandle.current().pid());
      probe.start();
      assertThat(probe.sinceStart()).extracting(Group::name).contains("probe-worker-#");
    } finally {
      done.countDown();
      worker.join();
    }
    assertThat(new ThreadCpu(0).sinceStart()).isEmpty();
  }
}
