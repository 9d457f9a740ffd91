package io.chatstack.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven module a class was loaded from, read from its location: {@code
 * <module>/target/classes/} in the reactor, or {@code <module>-<version>.jar} from a jar (reactor
 * or local repository). Stateless.
 */
final class ModuleOf {
  private static final Pattern CLASSES_DIR = Pattern.compile("/([^/]+)/target/classes/");
  private static final Pattern JAR = Pattern.compile("/([^/!]+?)-\\d[^/!]*\\.jar!/");

  private ModuleOf() {}

  /** The module's artifact id, empty when the class has no known location (e.g. JDK classes). */
  static Optional<String> of(JavaClass javaClass) {
    return javaClass.getSource().map(Source::getUri).map(Object::toString).flatMap(ModuleOf::of);
  }

  static Optional<String> of(String location) {
    for (Pattern pattern : new Pattern[] {CLASSES_DIR, JAR}) {
      Matcher matcher = pattern.matcher(location);
      if (matcher.find()) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }
}
