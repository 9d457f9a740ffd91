package io.chatstack.spring;

import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.RoomRepository;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link ChatService} from the {@link RoomRepository} and {@link MessageBus}
 * beans (the bus is built with the {@link MessageStore} bean and owns it), falling back to
 * in-memory implementations when none is defined. Every bean backs off when the application defines
 * its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(ChatstackProperties.class)
public final class ChatstackAutoConfiguration {

  /** In-memory rooms, used when no other RoomRepository is configured. */
  @Bean
  @ConditionalOnMissingBean
  RoomRepository chatRoomRepository() {
    return new InMemoryRoomRepository();
  }

  /** In-memory history, used when no other MessageStore is configured. */
  @Bean
  @ConditionalOnMissingBean
  MessageStore chatMessageStore() {
    return new InMemoryMessageStore();
  }

  /**
   * Single-node in-memory bus writing to the store, used when no other MessageBus is configured.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  MessageBus chatMessageBus(MessageStore store) {
    return new InMemoryMessageBus(store);
  }

  /** The facade every transport uses. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ChatService chatService(
      RoomRepository rooms,
      MessageBus bus,
      ChatstackProperties properties,
      ObjectProvider<ChatServiceCustomizer> customizers) {
    ChatService.Builder builder =
        ChatService.builder()
            .roomRepository(rooms)
            .messageBus(bus)
            .sendTimeout(properties.getSendTimeout())
            .roomCacheTtl(properties.getRoomCacheTtl())
            .limits(properties.getLimits().toChatLimits());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }
}
