package io.chatstack.spring.metrics;

import io.chatstack.core.MessageBus;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The persister-lag gauge and the afterPersist and fan-out counters when chatstack runs on Kafka
 * and Micrometer is present.
 */
@AutoConfiguration(after = ChatKafkaAutoConfiguration.class)
@ConditionalOnClass(value = MeterRegistry.class, name = "org.apache.kafka.clients.admin.Admin")
@ConditionalOnBean(KafkaChatConfig.class)
@ConditionalOnProperty(prefix = "chatstack.metrics", name = "enabled", matchIfMissing = true)
public final class ChatKafkaMetricsAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PersisterLagMetrics chatstackPersisterLagMetrics(ObjectProvider<MessageBus> bus) {
    return new PersisterLagMetrics(bus::getObject);
  }

  @Bean
  @ConditionalOnMissingBean
  KafkaBusCounters chatstackKafkaBusCounters(ObjectProvider<MessageBus> bus) {
    return new KafkaBusCounters(bus::getObject);
  }
}
