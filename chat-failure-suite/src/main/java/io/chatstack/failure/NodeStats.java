package io.chatstack.failure;

import io.chatstack.core.ChatService;
import io.chatstack.kafka.KafkaMessageBus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a node's fan-out figures to a file every 200 ms, for measurements from outside the
 * process: one line {@code fanoutCpuNanos processCpuNanos recordsRead recordsParsed
 * persisterCpuNanos tailHits tailMisses} (CPU of the fan-out thread {@code fanout-<nodeId>} and of
 * the whole process, the bus's fan-out record counters, CPU of the persister thread {@code
 * persister-<nodeId>}, the answers the history tails gave and could not give). Replaced atomically,
 * so a reader never sees half a line. Runs on a daemon thread.
 */
final class NodeStats {
  private NodeStats() {}

  static void start(String nodeId, KafkaMessageBus bus, ChatService service, Path file) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, nodeId + "-stats");
              t.setDaemon(true);
              return t;
            });
    // Thread ids, found once: both threads live as long as the node, and looking them up costs a
    // stack trace of every thread, which would count in the process CPU being measured.
    long[] ids = {-1, -1};
    timer.scheduleAtFixedRate(
        () -> {
          if (ids[0] < 0 || ids[1] < 0) {
            ids[0] = threadId("fanout-" + nodeId);
            ids[1] = threadId("persister-" + nodeId);
          }
          Map<String, Long> tails = service.historyTailStats();
          String line =
              cpu(threads, ids[0])
                  + " "
                  + os.getProcessCpuTime()
                  + " "
                  + bus.fanOutRecordsRead()
                  + " "
                  + bus.fanOutRecordsParsed()
                  + " "
                  + cpu(threads, ids[1])
                  + " "
                  + tails.get("hits")
                  + " "
                  + tails.get("misses")
                  + "\n";
          try {
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(partial, line, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
          }
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  /** The id of the live thread with this name, -1 when there is none. */
  private static long threadId(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .mapToLong(Thread::getId)
        .findFirst()
        .orElse(-1);
  }

  /** CPU nanoseconds of the thread, -1 when it is unknown or no longer alive. */
  private static long cpu(ThreadMXBean threads, long id) {
    return id < 0 ? -1 : threads.getThreadCpuTime(id);
  }
}
