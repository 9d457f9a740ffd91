package io.chatstack.testkit.junit;

import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Awaitility poll without an initial delay and every {@code N} milliseconds in a test run
 * started with {@code -D}{@value #PROPERTY}{@code =N}; without that system property it does
 * nothing, so a project that has chat-testkit on its test class path keeps its own settings.
 *
 * <p>Awaitility's defaults wait 100 ms before the first check of a condition and between checks, so
 * every {@code await()} costs at least 100 ms even when its condition already holds. chatstack's
 * build sets the property for its own surefire, failsafe and mutation-testing runs. Registered with
 * JUnit through {@code META-INF/services}; JUnit calls it on its launcher thread when a session
 * opens.
 */
public final class AwaitilityPolling implements LauncherSessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(AwaitilityPolling.class);

  /** The system property naming the poll interval in milliseconds. */
  public static final String PROPERTY = "chatstack.test.awaitility-poll-millis";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String millis = System.getProperty(PROPERTY);
    if (millis == null || millis.isBlank()) {
      return;
    }
    long value;
    try {
      value = Long.parseLong(millis.trim());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value <= 0) {
      LOG.warn("Ignoring -D{}={}: expected a number of milliseconds above 0", PROPERTY, millis);
      return;
    }
    Duration interval = Duration.ofMillis(value);
    try {
      Class.forName("org.awaitility.Awaitility", false, AwaitilityPolling.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return; // a test class path without Awaitility: nothing to set
    }
    Defaults.apply(interval);
  }

  /** Touches Awaitility only once it is known to be on the class path. */
  private static final class Defaults {
    static void apply(Duration interval) {
      org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
      org.awaitility.Awaitility.setDefaultPollInterval(interval);
    }
  }
}
