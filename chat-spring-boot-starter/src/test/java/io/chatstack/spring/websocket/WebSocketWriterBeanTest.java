package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.security.ChatSecurityAutoConfiguration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** chatstack's WebSocket writer executor and a host's executors leave each other alone. */
class WebSocketWriterBeanTest {
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatstackAutoConfiguration.class,
                  ChatSecurityAutoConfiguration.class,
                  ChatWebSocketAutoConfiguration.class));

  @Test
  void theWriterIsNamedAndInvisibleToInjectionByType() {
    web.withUserConfiguration(HostExecutor.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ExecutorService ours =
                  context.getBean(
                      ChatWebSocketAutoConfiguration.WRITER_BEAN, ExecutorService.class);
              ExecutorService host = context.getBean("hostExecutor", ExecutorService.class);
              assertThat(ours).isNotSameAs(host);
              // The host injects its ExecutorService by type and gets its own, not ambiguity.
              assertThat(context.getBean(HostService.class).executor).isSameAs(host);
            });
  }

  @Test
  void springBootsApplicationTaskExecutorDoesNotBackOffBecauseOfTheWriter() {
    web.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("applicationTaskExecutor");
              assertThat(context).hasBean(ChatWebSocketAutoConfiguration.WRITER_BEAN);
              assertThat(context.getBean(Executor.class))
                  .isSameAs(context.getBean("applicationTaskExecutor"));
            });
  }

  @Test
  void aBeanOfTheWritersNameReplacesIt() {
    ExecutorService replacement = Executors.newSingleThreadExecutor();
    web.withBean(
            ChatWebSocketAutoConfiguration.WRITER_BEAN, ExecutorService.class, () -> replacement)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ChatWebSocketAutoConfiguration.WRITER_BEAN))
                  .isSameAs(replacement);
            });
    replacement.shutdownNow();
  }

  @Configuration(proxyBeanMethods = false)
  static class HostExecutor {
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService hostExecutor() {
      return Executors.newSingleThreadExecutor();
    }

    @Bean
    HostService hostService(ExecutorService executor) {
      return new HostService(executor);
    }
  }

  record HostService(ExecutorService executor) {}
}
