package io.chatstack.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves out test classes: test output folders, and test-jars such as chat-core's contract kits
 * (which this module depends on, and which are built on JUnit and AssertJ).
 */
final class ProductionClassesOnly implements ImportOption {
  private final ImportOption tests = new DoNotIncludeTests();

  @Override
  public boolean includes(Location location) {
    return tests.includes(location) && !location.contains("-tests.jar");
  }
}
