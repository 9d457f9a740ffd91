package io.chatstack.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat} (Linux only).
 * Thread-safe (stateless).
 */
final class CpuProbe {
  /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private CpuProbe() {}

  /**
   * CPU nanoseconds used by {@code pid}, or -1 when it cannot be read (no such process, no /proc).
   */
  static long cpuNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      return parse(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * utime + stime of a {@code /proc/<pid>/stat} line, in nanoseconds. The command name (field 2) is
   * in parentheses and may hold spaces, so fields are counted after its closing parenthesis.
   */
  static long parse(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    // f[0] is field 3 (state); utime is field 14, stime field 15.
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }
}
