package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.core.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * afterPersist across a kill -9 of a persisting node: every node's persister calls a listener that
 * appends the id of each stored record to a file of its own ({@link MessageIdFile}); node a is
 * killed mid-stream, node b takes its partitions over. Every acknowledged message must be in the
 * files at least once; duplicates (a batch handed to the listener but not committed before the kill
 * is handed again to b) are identified by message id and counted.
 */
class AfterPersistKillIT {
  @Test
  void everyAcknowledgedMessageReachesAPersistListenerAtLeastOnce() throws IOException {
    String name = "after-persist-kill";
    Path dir = Path.of("target", "failure-nodes", name + "-ids").toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    int phase = Profile.pick(150, 5_000);
    try (TwoNodeChat chat =
        new TwoNodeChat(
            name,
            Profile.pick(2, 10),
            6,
            c ->
                c.nodeSetting("kafka.sessionTimeoutMillis", "6000")
                    .nodeSetting("node.afterPersistDir", dir.toString()))) {
      chat.startTraffic(0);
      chat.awaitAcks(phase);
      chat.a.kill();
      assertThat(chat.a.isAlive()).isFalse();
      await()
          .atMost(TwoNodeChat.CONVERGE)
          .until(() -> chat.onA.stream().allMatch(ChatClient::isConnected));
      chat.awaitAcks(chat.ledger.acks() + phase);
      chat.finish(
          "kill -9 of a persisting node: afterPersist at least once",
          "every acknowledged id then checked in the listeners' files");

      List<ChatMessage> acked = chat.ledger.ackedSnapshot();
      await().atMost(TwoNodeChat.CONVERGE).until(() -> seen(dir).keySet().containsAll(ids(acked)));
      Map<String, Integer> seen = seen(dir);
      long duplicated = ids(acked).stream().filter(id -> seen.get(id) > 1).count();
      System.out.printf(
          "[failure-suite] %s: %d acknowledged messages, all seen by afterPersist; %d of them"
              + " more than once (identified by id); records seen by the killed node %d; files"
              + " %s%n",
          name, acked.size(), duplicated, lines(dir.resolve(chat.a.id + ".ids")), dir);
      assertThat(seen(dir).keySet()).containsAll(ids(acked));
    }
  }

  private static long lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
  }

  private static List<String> ids(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::id).toList();
  }

  /** How many times each record id was handed to a listener, over every node's file. */
  private static Map<String, Integer> seen(Path dir) {
    Map<String, Integer> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ids")).toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int space = line.indexOf(' ');
          if (space > 0) {
            counts.merge(line.substring(0, space), 1, Integer::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
