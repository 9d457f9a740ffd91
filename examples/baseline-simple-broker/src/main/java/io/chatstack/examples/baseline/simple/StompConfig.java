package io.chatstack.examples.baseline.simple;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over raw WebSocket at {@code /ws}: application prefix {@code /app}, SimpleBroker for {@code
 * /topic}, the CONNECT header {@code login} as the session's principal. Thread pools and buffer
 * limits are Spring's defaults.
 */
@Configuration
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {
  private final TaskScheduler heartbeatScheduler;

  /** {@code @Lazy}: Spring's broker scheduler is created by the configuration this class feeds. */
  public StompConfig(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
    this.heartbeatScheduler = scheduler;
  }

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
  }

  @Override
  public void configureMessageBroker(MessageBrokerRegistry registry) {
    registry.setApplicationDestinationPrefixes("/app");
    // Offers 10 s heart-beats; a client asking for 0,0 gets none (STOMP negotiation).
    registry
        .enableSimpleBroker("/topic")
        .setHeartbeatValue(new long[] {10_000, 10_000})
        .setTaskScheduler(heartbeatScheduler);
  }

  @Override
  public void configureClientInboundChannel(ChannelRegistration registration) {
    registration.interceptors(new LoginPrincipalInterceptor());
  }
}
