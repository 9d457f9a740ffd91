package io.chatstack.spring;

import io.chatstack.core.ChatService;
import io.chatstack.core.OfflineNotifications;
import io.chatstack.core.OfflineNotifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Calls the application's {@link OfflineNotifier} beans (in {@code @Order} order) for participants
 * without a live session: an {@link OfflineNotifications} persist listener, which the message bus
 * picks up with the other PersistListener beans, bound to the {@link ChatService} once all
 * singletons exist. Rate limit: {@code chatstack.notifications.min-interval}.
 */
@AutoConfiguration
@ConditionalOnBean(OfflineNotifier.class)
@EnableConfigurationProperties(ChatstackProperties.class)
public final class ChatNotificationsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OfflineNotifications chatOfflineNotifications(
      ObjectProvider<OfflineNotifier> notifiers, ChatstackProperties properties) {
    return OfflineNotifications.builder()
        .notifiers(notifiers.orderedStream().toList())
        .minInterval(properties.notificationMinInterval())
        .build();
  }

  /** Binds the notifications to the ChatService; before that, stored batches are not notified. */
  @Bean
  static SmartInitializingSingleton chatOfflineNotificationsBinder(
      ObjectProvider<OfflineNotifications> notifications, ObjectProvider<ChatService> chat) {
    return () -> notifications.ifAvailable(n -> n.bind(chat.getObject()));
  }
}
