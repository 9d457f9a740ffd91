package io.chatstack.spring;

import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageInterceptor;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.SignalBus;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link ChatService} from the {@link RoomRepository} and {@link MessageBus}
 * beans (the bus is built with the {@link MessageStore} bean and owns it), the {@link SignalBus}
 * and {@link ReadStateRepository} beans of presence, typing and read state, and the {@code
 * chatstack.presence.*}, {@code chatstack.typing.*}, {@code chatstack.read-receipts.*} and {@code
 * chatstack.messages.*} properties, falling back to in-memory implementations when none is defined.
 * Every bean backs off when the application defines its own.
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
  MessageBus chatMessageBus(MessageStore store, ObjectProvider<PersistListener> persistListeners) {
    // Every PersistListener bean, in @Order order, called after the store has each record.
    return new InMemoryMessageBus(store, persistListeners.orderedStream().toList());
  }

  /** Signals within this process only, used when no other SignalBus (e.g. Kafka) is configured. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  SignalBus chatSignalBus() {
    return new InMemorySignalBus();
  }

  /** Read positions in memory, used when no other ReadStateRepository is configured. */
  @Bean
  @ConditionalOnMissingBean
  ReadStateRepository chatReadStateRepository() {
    return new InMemoryReadStateRepository();
  }

  /** The facade every transport uses. It closes the signal bus with itself. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ChatService chatService(
      RoomRepository rooms,
      MessageBus bus,
      SignalBus signals,
      ReadStateRepository readStates,
      ChatstackProperties properties,
      ObjectProvider<ChatServiceCustomizer> customizers,
      ObjectProvider<MessageInterceptor> interceptors) {
    ChatService.Builder builder =
        ChatService.builder()
            .roomRepository(rooms)
            .messageBus(bus)
            .signalBus(signals)
            .readStateRepository(readStates)
            .signalSettings(properties.signalSettings())
            .sendTimeout(properties.getSendTimeout())
            .roomCacheTtl(properties.getRoomCacheTtl())
            .editWindow(properties.editWindow())
            .deleteHistory(properties.deleteHistory())
            .limits(properties.getLimits().toChatLimits())
            .interceptors(interceptors.orderedStream().toList())
            .beforeSendTimeout(properties.beforeSendTimeout())
            .interceptorFailurePolicy(properties.interceptorFailurePolicy());
    properties.applyHistoryTail(builder);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }
}
