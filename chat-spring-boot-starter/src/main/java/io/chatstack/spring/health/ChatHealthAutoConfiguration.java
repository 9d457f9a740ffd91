package io.chatstack.spring.health;

import io.chatstack.core.MessageBus;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.spring.jdbi.ChatDataSource;
import io.chatstack.spring.jdbi.ChatJdbiAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.spring.mongo.ChatMongoAutoConfiguration;
import io.chatstack.spring.mongo.ChatMongoClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicators {@code chatstackKafka}, {@code chatstackJdbc} and {@code chatstackMongo} for
 * the backing systems chatstack was configured with (shown by Actuator's health endpoint).
 */
@AutoConfiguration(
    after = {
      ChatKafkaAutoConfiguration.class,
      ChatJdbiAutoConfiguration.class,
      ChatMongoAutoConfiguration.class
    })
@ConditionalOnClass(HealthIndicator.class)
public final class ChatHealthAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.kafka.clients.admin.Admin")
  @ConditionalOnBean(KafkaChatConfig.class)
  static class Kafka {
    @Bean
    @ConditionalOnMissingBean(name = "chatstackKafkaHealthIndicator")
    KafkaHealthIndicator chatstackKafkaHealthIndicator(ObjectProvider<MessageBus> bus) {
      return new KafkaHealthIndicator(bus::getObject);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ChatDataSource.class)
  static class Jdbc {
    @Bean
    @ConditionalOnMissingBean(name = "chatstackJdbcHealthIndicator")
    JdbcHealthIndicator chatstackJdbcHealthIndicator(ChatDataSource dataSource) {
      return new JdbcHealthIndicator(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "com.mongodb.client.MongoClient")
  @ConditionalOnBean(ChatMongoClient.class)
  static class Mongo {
    @Bean
    @ConditionalOnMissingBean(name = "chatstackMongoHealthIndicator")
    MongoHealthIndicator chatstackMongoHealthIndicator(ChatMongoClient client) {
      return new MongoHealthIndicator(client);
    }
  }
}
