package io.chatstack.examples.baseline.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic {@code chat-messages}, created at startup by Boot's {@code KafkaAdmin} when missing
 * (partitions from {@code baseline.kafka.partitions}, replication the broker's default).
 */
@Configuration(proxyBeanMethods = false)
public class ChatTopics {
  /** Topic of every chat message, keyed by room id so a room keeps its order. */
  public static final String MESSAGES = "chat-messages";

  @Bean
  NewTopic chatMessagesTopic(@Value("${baseline.kafka.partitions:6}") int partitions) {
    return TopicBuilder.name(MESSAGES).partitions(partitions).build();
  }
}
