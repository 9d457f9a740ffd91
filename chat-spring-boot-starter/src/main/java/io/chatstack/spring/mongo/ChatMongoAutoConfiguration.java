package io.chatstack.spring.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.MessageStore;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Keeps message history in MongoDB when {@code chatstack.mongo.uri} is set. */
@AutoConfiguration(before = ChatstackAutoConfiguration.class)
@ConditionalOnClass({MongoMessageStore.class, MongoClient.class})
@ConditionalOnProperty(prefix = "chatstack.mongo", name = "uri")
@EnableConfigurationProperties(ChatstackProperties.class)
public final class ChatMongoAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ChatMongoClient chatMongoClient(ChatstackProperties properties) {
    return new ChatMongoClient(MongoClients.create(properties.getMongo().getUri()));
  }

  @Bean
  @ConditionalOnMissingBean(MessageStore.class)
  MessageStore chatMessageStore(ChatMongoClient client, ChatstackProperties properties) {
    ChatstackProperties.Mongo mongo = properties.getMongo();
    Duration retention = properties.getHistory().getRetention();
    return new MongoMessageStore(
        client.client().getDatabase(mongo.getDatabase()),
        mongo.getCollection(),
        retention == null ? Duration.ZERO : retention);
  }
}
