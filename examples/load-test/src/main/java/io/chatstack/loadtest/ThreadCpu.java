package io.chatstack.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a process's CPU time goes, by thread: {@code /proc/<pid>/task/<tid>/stat} of every thread,
 * at the start and end of a window, grouped by thread name with numbers folded ({@code
 * http-nio-8080-exec-7} and {@code -exec-9} are one group). Unlike a sampling profiler this sees
 * the JVM's own threads too (GC, JIT compilers), whose CPU counts in a process's total. The kernel
 * keeps the first 15 characters of a thread's name. Threads that end inside the window take their
 * CPU with them; what the process used beyond the groups is reported as {@code (ended threads)}.
 * Linux only; elsewhere the breakdown is empty. Not thread-safe: start and read on one thread.
 */
final class ThreadCpu {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  static final String ENDED = "(ended threads)";

  private final long pid;
  private Map<Long, Group> start = Map.of();
  private long startTotal = -1;

  /** A thread's or a group's name and CPU nanoseconds. */
  record Group(String name, long cpuNanos) {}

  ThreadCpu(long pid) {
    this.pid = pid;
  }

  /** Marks the start of the window. */
  void start() {
    start = threads(pid);
    startTotal = CpuProbe.cpuNanos(pid);
  }

  /**
   * The groups' CPU since {@link #start()}, largest first; empty when the process could not be
   * read.
   */
  List<Group> sinceStart() {
    Map<Long, Group> end = threads(pid);
    long endTotal = CpuProbe.cpuNanos(pid);
    if (startTotal < 0 || endTotal < 0 || end.isEmpty()) {
      return List.of();
    }
    return groups(start, end, endTotal - startTotal);
  }

  /**
   * The window's groups from two readings of the threads by thread id, each named by its group, and
   * the process's total CPU over the window.
   */
  static List<Group> groups(Map<Long, Group> start, Map<Long, Group> end, long total) {
    Map<String, Long> byGroup = new HashMap<>();
    long counted = 0;
    for (Map.Entry<Long, Group> e : end.entrySet()) {
      Group before = start.get(e.getKey());
      long used = e.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
      byGroup.merge(e.getValue().name(), used, Long::sum);
      counted += used;
    }
    if (total > counted) {
      byGroup.merge(ENDED, total - counted, Long::sum);
    }
    List<Group> groups = new ArrayList<>();
    byGroup.forEach((name, cpu) -> groups.add(new Group(name, cpu)));
    groups.sort((a, b) -> Long.compare(b.cpuNanos(), a.cpuNanos()));
    return groups;
  }

  /**
   * The {@code top} largest groups as "name µs (share)" per {@code count} (e.g. deliveries), then
   * the rest in one figure; "n/a" when there is nothing to show.
   */
  static String format(List<Group> groups, long count, int top) {
    long total = totalNanos(groups);
    if (groups.isEmpty() || count <= 0 || total <= 0) {
      return "n/a";
    }
    StringBuilder out = new StringBuilder();
    long rest = 0;
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      if (i < top) {
        if (out.length() > 0) {
          out.append(", ");
        }
        out.append(g.name())
            .append(' ')
            .append(CpuPerDelivery.format(g.cpuNanos() / 1e3 / count))
            .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * g.cpuNanos() / total));
      } else {
        rest += g.cpuNanos();
      }
    }
    if (rest > 0) {
      out.append(", others ")
          .append(CpuPerDelivery.format(rest / 1e3 / count))
          .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * rest / total));
    }
    return out.toString();
  }

  /**
   * CPU of the JIT compiler threads among {@code groups} (HotSpot's {@code C1 CompilerThreadN} and
   * {@code C2 CompilerThreadN}): the cost of warming up, not of the work being measured.
   */
  static long compilerNanos(List<Group> groups) {
    return groups.stream()
        .filter(g -> g.name().startsWith(group("C1 CompilerThre")))
        .mapToLong(Group::cpuNanos)
        .sum();
  }

  /** CPU of all {@code groups}: the process's over the window. */
  static long totalNanos(List<Group> groups) {
    return groups.stream().mapToLong(Group::cpuNanos).sum();
  }

  /** A thread's group: its name with every run of digits as {@code #}. */
  static String group(String threadName) {
    return DIGITS.matcher(threadName).replaceAll("#");
  }

  /** Name and CPU of one {@code /proc/<pid>/task/<tid>/stat} line. */
  static Group parse(String stat) {
    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return new Group(name, CpuProbe.parse(stat));
  }

  private static Map<Long, Group> threads(long pid) {
    Map<Long, Group> threads = new HashMap<>();
    if (pid <= 0) {
      return threads;
    }
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          Group g = parse(Files.readString(task.resolve("stat")));
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new Group(group(g.name()), g.cpuNanos()));
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read: its CPU is in "(ended threads)"
        }
      }
    } catch (IOException | RuntimeException e) {
      threads.clear();
    }
    return threads;
  }
}
