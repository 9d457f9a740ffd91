package io.chatstack.spring.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Refuses {@code chatstack.dev-services.enabled=true} when the dev services are not on the class
 * path: without this, the application would start quietly on the in-memory defaults instead. The
 * dev services live in {@code io.chatstack:chat-dev-services}, so that the starter does not depend
 * on test infrastructure. Registered in {@code META-INF/spring.factories}; stateless.
 */
public final class DevServicesRequirement implements EnvironmentPostProcessor {
  static final String DEV_SERVICES = "io.chatstack.devservices.DevServicesEnvironmentPostProcessor";

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public DevServicesRequirement() {}

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getProperty("chatstack.dev-services.enabled", Boolean.class, false)
        && !ClassUtils.isPresent(DEV_SERVICES, application.getClassLoader())) {
      throw new IllegalStateException(
          "chatstack.dev-services.enabled=true needs io.chatstack:chat-dev-services on the class"
              + " path; add it as a dependency (development only) or set"
              + " chatstack.dev-services.enabled=false");
    }
  }
}
