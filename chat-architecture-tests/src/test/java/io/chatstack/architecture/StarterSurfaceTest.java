package io.chatstack.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.Set;
import java.util.TreeSet;

/**
 * The starter's public surface stays what hosts use: its auto-configurations (public and {@code
 * final}), {@code ChatstackProperties}, the customizer interfaces, and at most eight other public
 * types outside {@code internal} packages.
 */
@AnalyzeClasses(packages = "io.chatstack.spring", importOptions = ProductionClassesOnly.class)
class StarterSurfaceTest {

  private static final int MAX_OTHER_PUBLIC_TYPES = 8;

  @ArchTest
  static void autoConfigurationsArePublicAndFinal(JavaClasses classes) {
    Set<String> notFinal = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (isAutoConfiguration(javaClass)
          && !(javaClass.getModifiers().contains(JavaModifier.PUBLIC)
              && javaClass.getModifiers().contains(JavaModifier.FINAL))) {
        notFinal.add(javaClass.getName());
      }
    }
    assertThat(notFinal).as("auto-configurations that are not public final").isEmpty();
  }

  @ArchTest
  static void fewOtherPublicTypesOutsideInternal(JavaClasses classes) {
    Set<String> others = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (javaClass.isTopLevelClass()
          && javaClass.getModifiers().contains(JavaModifier.PUBLIC)
          && !javaClass.getPackageName().contains(".internal")
          && !isAutoConfiguration(javaClass)
          && !javaClass.getSimpleName().equals("ChatstackProperties")
          && !javaClass.getSimpleName().endsWith("Customizer")) {
        others.add(javaClass.getName());
      }
    }
    assertThat(others)
        .as("public starter types besides auto-configurations, properties and customizers")
        .hasSizeLessThanOrEqualTo(MAX_OTHER_PUBLIC_TYPES);
  }

  private static boolean isAutoConfiguration(JavaClass javaClass) {
    return javaClass.isAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration");
  }
}
