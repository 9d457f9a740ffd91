package io.chatstack.spring.security;

import io.chatstack.core.ChatService;
import io.chatstack.server.Authenticator;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import io.chatstack.spring.security.internal.AuthenticatorFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one identity and the one authorization of both transports: the {@link Authenticator} that
 * STOMP CONNECT and every REST request go through ({@code chatstack.security.authentication}), and
 * the {@link RoomAccess} that applies the {@link RoomAuthorizer} (the application's bean, else the
 * defaults) to every room action. Needs neither Spring MVC nor WebSocket on the class path.
 */
@AutoConfiguration(after = ChatstackAutoConfiguration.class)
@ConditionalOnBean(ChatService.class)
public final class ChatSecurityAutoConfiguration {

  /** The authenticator of the configured mode; fails start-up with what to fix. */
  @Bean
  @ConditionalOnMissingBean
  Authenticator chatAuthenticator(ChatstackProperties properties) {
    return AuthenticatorFactory.create(properties);
  }

  /** Who sees and does what in which room, for REST and STOMP alike. */
  @Bean
  @ConditionalOnMissingBean
  RoomAccess chatRoomAccess(ChatService chat, ObjectProvider<RoomAuthorizer> authorizer) {
    return new RoomAccess(chat, authorizer.getIfAvailable(RoomAuthorizer::defaults));
  }
}
