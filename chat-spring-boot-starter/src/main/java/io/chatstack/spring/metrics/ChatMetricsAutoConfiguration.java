package io.chatstack.spring.metrics;

import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.websocket.ConnectionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the {@link MessageBus} bean in a {@link MeteredMessageBus} when Micrometer is on the class
 * path and a {@link MeterRegistry} bean exists (for example with Spring Boot Actuator).
 */
@AutoConfiguration(before = ChatstackAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "chatstack.metrics", name = "enabled", matchIfMissing = true)
public final class ChatMetricsAutoConfiguration {

  /** Counts STOMP sessions and server-side closes when the STOMP endpoint is present. */
  @Bean
  @ConditionalOnMissingBean(ConnectionObserver.class)
  ConnectionObserver chatstackConnectionMetrics(ObjectProvider<MeterRegistry> registry) {
    return new MicrometerConnectionObserver(registry::getIfAvailable);
  }

  /** The history tails' hit, miss, load and eviction counters and size gauges. */
  @Bean
  @ConditionalOnMissingBean
  HistoryTailMetrics chatstackHistoryTailMetrics(ObjectProvider<ChatService> chat) {
    return new HistoryTailMetrics(chat::getIfAvailable);
  }

  @Bean
  static BeanPostProcessor chatstackMessageBusMetrics(ObjectProvider<MeterRegistry> registry) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MessageBus bus && !(bean instanceof MeteredMessageBus)) {
          MeterRegistry meters = registry.getIfAvailable();
          if (meters != null) {
            return new MeteredMessageBus(bus, meters, Clock.systemUTC());
          }
        }
        return bean;
      }
    };
  }
}
