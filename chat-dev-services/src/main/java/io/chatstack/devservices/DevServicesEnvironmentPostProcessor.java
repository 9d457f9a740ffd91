package io.chatstack.devservices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * "Dev services": with {@code chatstack.dev-services.enabled=true}, starts what is not configured —
 * an in-process Kafka broker (unless {@code chatstack.kafka.bootstrap-servers} is set), an
 * in-process MongoDB wire server (unless {@code chatstack.mongo.uri} is set) and an in-memory H2
 * database in MySQL mode (unless {@code chatstack.jdbc.url} is set) — and points the {@code
 * chatstack.*} properties at them, so the real Kafka, MongoDB and Jdbi code paths run with nothing
 * installed. For development only: this module brings the test infrastructure ({@code
 * io.chatstack:chat-testkit}); the application adds H2 (with Jdbi and Flyway) for the room store.
 * Everything started is stopped when the application context closes, after its beans. Data does not
 * survive a restart. Registered in {@code META-INF/spring.factories}; Spring Boot calls it once, on
 * the start-up thread.
 */
public final class DevServicesEnvironmentPostProcessor implements EnvironmentPostProcessor {
  private static final Logger LOG =
      LoggerFactory.getLogger(DevServicesEnvironmentPostProcessor.class);

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public DevServicesEnvironmentPostProcessor() {}

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("chatstack.dev-services.enabled", Boolean.class, false)) {
      return;
    }
    ClassLoader loader = application.getClassLoader();
    Map<String, Object> properties = new LinkedHashMap<>();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      DevServices.start(
          environment, properties, started, ClassUtils.isPresent("org.h2.Driver", loader));
    } catch (RuntimeException e) {
      DevServices.closeAll(started);
      throw e;
    }
    if (!properties.isEmpty()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("chatstackDevServices", properties));
      LOG.info("chatstack dev services: {}", properties);
    }
    // Stopped after every bean (registered before any of them, destroyed after all of them), so
    // the Kafka bus and the stores shut down while their servers still answer.
    application.addInitializers(
        context -> {
          if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(
                "chatstackDevServices", () -> DevServices.closeAll(started));
          } else {
            context.addApplicationListener(
                (ApplicationListener<ContextClosedEvent>) event -> DevServices.closeAll(started));
          }
        });
  }
}
