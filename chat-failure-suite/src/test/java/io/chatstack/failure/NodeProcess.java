package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A chat node ({@link NodeMain}) in a JVM of its own, started with this JVM's class path. Output
 * goes to {@code target/failure-nodes/<id>.log}. Every node is also killed by a shutdown hook, so
 * none outlives the test JVM. Thread-safe.
 */
final class NodeProcess implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "kill-chat-nodes"));
  }

  final String id;
  private final Process process;
  private final int port;

  private NodeProcess(String id, Process process, int port) {
    this.id = id;
    this.process = process;
    this.port = port;
  }

  /** Starts node {@code id} with the {@link NodeMain} settings; returns once it serves. */
  static NodeProcess start(String id, Map<String, String> settings, String maxHeap) {
    try {
      Path dir = Path.of("target", "failure-nodes").toAbsolutePath();
      Files.createDirectories(dir);
      Path portFile = dir.resolve(id + ".port");
      Files.deleteIfExists(portFile);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + maxHeap);
      command.add("-XX:+UseSerialGC");
      if (!"full".equals(settings.get("jit"))) {
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; measurements ask for "full"
      }
      String jfrDir = System.getProperty("chatstack.failure.nodeJfr");
      if (jfrDir != null) { // profiling by hand: -DargLine=-Dchatstack.failure.nodeJfr=<dir>
        Files.createDirectories(Path.of(jfrDir));
        command.add(
            "-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(jfrDir, id + ".jfr").toAbsolutePath());
      }
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      command.add("-Dnode.id=" + id);
      command.add("-Dnode.portFile=" + portFile);
      settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(NodeMain.class.getName());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile()))
              .start();
      RUNNING.add(process);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "chat node " + id + " exited with " + process.exitValue() + "; see " + dir);
                }
                return Files.exists(portFile);
              });
      int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
      return new NodeProcess(id, process, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return URI.create("ws://localhost:" + port + "/ws");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook runs, every connection is cut by the kernel. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** Graceful stop (SIGTERM), then kill -9 if it takes longer than 15 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    waitFor();
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }
}
