package io.chatstack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API boundary, enforced over the production classes of every library module: packages named
 * {@code internal} are used only inside their own module, the domain ({@code io.chatstack.core})
 * depends on no technology, and every package says what it is for and is {@code @NullMarked}.
 */
@AnalyzeClasses(packages = "io.chatstack", importOptions = ProductionClassesOnly.class)
class ApiBoundaryTest {

  /** Every library module; a rule that sees fewer would pass without checking them. */
  private static final Set<String> MODULES =
      Set.of(
          "chat-core",
          "chat-stomp",
          "chat-server-adapter",
          "chat-client-java",
          "chat-spring-boot-starter",
          "chat-dev-services",
          "chat-testkit");

  @ArchTest
  static void everyModuleIsImported(JavaClasses classes) {
    Set<String> seen = new TreeSet<>();
    classes.forEach(c -> ModuleOf.of(c).ifPresent(seen::add));
    assertThat(seen).containsAll(MODULES);
  }

  @ArchTest
  static void everyPackageHasANullMarkedPackageInfo(JavaClasses classes) {
    Set<String> missing = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      JavaPackage javaPackage = javaClass.getPackage();
      boolean nullMarked =
          javaPackage
              .tryGetPackageInfo()
              .map(info -> info.isAnnotatedWith("org.jspecify.annotations.NullMarked"))
              .orElse(false);
      if (!nullMarked) {
        missing.add(javaPackage.getName());
      }
    }
    assertThat(missing)
        .as("packages without a package-info.java annotated with JSpecify's @NullMarked")
        .isEmpty();
  }

  @ArchTest
  static final ArchRule noModuleUsesAnotherModulesInternals =
      classes()
          .that()
          .resideInAPackage("io.chatstack..")
          .should(useInternalsOfTheirOwnModuleOnly())
          .because("packages named internal are not API (CONVENTIONS.md)");

  @ArchTest
  static final ArchRule theDomainDependsOnNoTechnology =
      classes()
          .that()
          .resideInAPackage("io.chatstack.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "org.slf4j..",
              "org.jspecify..",
              "com.fasterxml.jackson.annotation..",
              "io.chatstack..")
          .because(
              "the domain and its ports are plain Java; technology lives in its own package (the"
                  + " wire types may carry Jackson's annotations, which are metadata only: they"
                  + " say which empty fields the JSON leaves out, for every mapper a host uses)");

  @ArchTest
  static final ArchRule theDomainDoesNotReachIntoItsIntegrations =
      noClasses()
          .that()
          .resideInAPackage("io.chatstack.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.chatstack.json..",
              "io.chatstack.kafka..",
              "io.chatstack.jdbi..",
              "io.chatstack.mongo..",
              "io.chatstack.server..",
              "io.chatstack.client..",
              "io.chatstack.spring..",
              "io.chatstack.devservices..",
              "io.chatstack.testkit..");

  private static ArchCondition<JavaClass> useInternalsOfTheirOwnModuleOnly() {
    return new ArchCondition<>("use internal packages of their own module only") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> originModule = ModuleOf.of(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (!isInternal(target) || target.getPackageName().equals(origin.getPackageName())) {
            continue;
          }
          Optional<String> targetModule = ModuleOf.of(target);
          if (originModule.isEmpty() || !originModule.equals(targetModule)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    originModule.orElse("?")
                        + " uses "
                        + targetModule.orElse("?")
                        + "'s internals: "
                        + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static boolean isInternal(JavaClass javaClass) {
    return javaClass.getPackageName().startsWith("io.chatstack.")
        && Arrays.asList(javaClass.getPackageName().split("\\.")).contains("internal");
  }
}
