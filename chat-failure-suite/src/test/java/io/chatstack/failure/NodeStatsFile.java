package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads the figures a node process writes with {@code node.statsDir} ({@link NodeStats}). */
final class NodeStatsFile {
  static final int FANOUT_CPU = 0;
  static final int PROCESS_CPU = 1;
  static final int RECORDS_READ = 2;
  static final int RECORDS_PARSED = 3;
  static final int PERSISTER_CPU = 4;
  static final int TAIL_HITS = 5;
  static final int TAIL_MISSES = 6;

  private NodeStatsFile() {}

  /**
   * How much {@code figure} (one of the constants above) grew from {@code before} to {@code after}.
   */
  static long since(long[] before, long[] after, int figure) {
    return after[figure] - before[figure];
  }

  /** The node's figures as it last wrote them, in the order of the constants above. */
  static long[] read(Path dir, String nodeId) {
    Path file = dir.resolve(nodeId + ".stats");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
    try {
      String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
      long[] values = new long[f.length];
      for (int i = 0; i < f.length; i++) {
        values[i] = Long.parseLong(f[i]);
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
