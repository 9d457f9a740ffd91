package io.chatstack.spring.kafka;

import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.SignalBus;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.kafka.KafkaMessageBus;
import io.chatstack.kafka.KafkaSignalBus;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Uses Kafka as the message bus, and its signals topic as the {@link SignalBus} of presence, typing
 * and read notifications, when {@code chatstack.kafka.bootstrap-servers} is set and kafka-clients
 * is on the class path.
 */
@AutoConfiguration(before = ChatstackAutoConfiguration.class)
@ConditionalOnClass({KafkaMessageBus.class, KafkaProducer.class})
@ConditionalOnProperty(prefix = "chatstack.kafka", name = "bootstrap-servers")
@EnableConfigurationProperties(ChatstackProperties.class)
public final class ChatKafkaAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public KafkaChatConfig kafkaChatConfig(
      ChatstackProperties properties, ObjectProvider<KafkaChatConfigCustomizer> customizers) {
    ChatstackProperties.Kafka kafka = properties.getKafka();
    KafkaChatConfig.Builder builder =
        KafkaChatConfig.builder(kafka.getBootstrapServers())
            .messagesTopic(kafka.getMessagesTopic())
            .eventsTopic(kafka.getEventsTopic())
            .signalsTopic(kafka.getSignalsTopic())
            .deadLettersTopic(kafka.getDeadLettersTopic())
            .partitions(kafka.getPartitions())
            .persisterGroupId(kafka.getPersisterGroupId())
            .sendTimeout(properties.getSendTimeout());
    try {
      builder.persisterLinger(kafka.getPersisterLinger());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "chatstack.kafka.persister-linger must be between 0 and 30s (e.g. 100ms): "
              + e.getMessage(),
          e);
    }
    if (kafka.getReplicationFactor() != null) {
      builder.replicationFactor(kafka.getReplicationFactor());
    }
    if (kafka.getNodeId() != null) {
      builder.nodeId(kafka.getNodeId());
    }
    ChatstackProperties.AfterPersist afterPersist = properties.getHooks().getAfterPersist();
    try {
      builder
          .afterPersistMaxAttempts(afterPersist.getMaxAttempts())
          .afterPersistBackoff(afterPersist.getInitialBackoff(), afterPersist.getMaxBackoff());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "chatstack.hooks.after-persist: max-attempts must be at least 1 and initial-backoff and"
              + " max-backoff positive with initial-backoff <= max-backoff (e.g. 100ms and 5s): "
              + e.getMessage(),
          e);
    }
    kafka.getProperties().forEach(builder::clientProperty);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "chatstack.kafka settings do not fit together (persisterLinger is"
              + " chatstack.kafka.persister-linger, sendTimeout chatstack.send-timeout): "
              + e.getMessage(),
          e);
    }
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(MessageBus.class)
  public MessageBus chatMessageBus(
      KafkaChatConfig config,
      MessageStore store,
      ObjectProvider<PersistListener> persistListeners) {
    // Every PersistListener bean, in @Order order, called by this node's persister (afterPersist).
    return new KafkaMessageBus(config, store, persistListeners.orderedStream().toList());
  }

  /** Signals between the nodes on the signals topic; the ChatService closes it. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(SignalBus.class)
  public SignalBus chatSignalBus(KafkaChatConfig config) {
    return new KafkaSignalBus(config);
  }
}
