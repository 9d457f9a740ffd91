package io.chatstack.spring.websocket;

import io.chatstack.core.ChatService;
import io.chatstack.server.Authenticator;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.StompEngine;
import io.chatstack.server.StompServerConfig;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import io.chatstack.spring.security.ChatSecurityAutoConfiguration;
import io.chatstack.spring.websocket.internal.StompUpgradeStrategy;
import io.chatstack.spring.websocket.internal.StompWebSocketHandler;
import io.chatstack.spring.websocket.internal.WebSocketBufferConfiguration;
import jakarta.servlet.ServletContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Serves chatstack's STOMP protocol at {@code chatstack.websocket.path} (default {@code /ws}) in
 * the host's servlet container: raw WebSocket at the path and SockJS under it, so {@code new
 * SockJS('/ws')} and {@code new WebSocket('ws://host/ws')} both work. Clients authenticate with the
 * {@link Authenticator} bean of {@link ChatSecurityAutoConfiguration}, the one REST uses too.
 *
 * <p>Raw WebSocket is upgraded through the container's Jakarta WebSocket API whenever the container
 * provides it, on Tomcat as on Jetty: chatstack then writes with the container's asynchronous
 * remote and no thread waits for a socket, and each connection runs on the container's session
 * without Spring's {@code WebSocketSession} in between (about 2 KiB less heap per connection). (On
 * Jetty, Spring alone would use Jetty's own API, and Spring's session for it waits for each send to
 * complete, so every write would take a thread of the writer executor.)
 */
@AutoConfiguration(after = {ChatstackAutoConfiguration.class, ChatSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({WebSocketConfigurer.class, StompEngine.class})
@ConditionalOnBean(ChatService.class)
@ConditionalOnProperty(prefix = "chatstack.websocket", name = "enabled", matchIfMissing = true)
@EnableWebSocket
@Import(WebSocketBufferConfiguration.class)
public final class ChatWebSocketAutoConfiguration {
  /** Name of the executor bean that writes to WebSocket connections. */
  public static final String WRITER_BEAN = "chatstackWebSocketWriter";

  /** Where a servlet container keeps its Jakarta WebSocket server container. */
  private static final String JAKARTA_SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  StompEngine chatStompEngine(
      ChatService chat,
      Authenticator authenticator,
      RoomAccess access,
      ObjectProvider<StompServerConfigCustomizer> customizers,
      ChatstackProperties properties) {
    StompServerConfig.Builder builder =
        StompServerConfig.builder(chat, authenticator)
            .limits(properties.getWebsocket().limits())
            .connectTimeout(properties.getWebsocket().getConnectTimeout())
            .frameTimeout(properties.getWebsocket().getFrameTimeout())
            .closeTimeout(properties.getWebsocket().getCloseTimeout())
            .roomAccess(access);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return new StompEngine(builder.build());
  }

  /**
   * The threads that write to WebSocket connections. Named {@value #WRITER_BEAN} and not a default
   * autowiring candidate, so a host's own {@code ExecutorService} or {@code Executor} beans neither
   * replace it nor are replaced by it: injection by type and Spring Boot's conditions on {@code
   * Executor} beans do not see it.
   */
  @Bean(name = WRITER_BEAN, destroyMethod = "shutdownNow", defaultCandidate = false)
  @ConditionalOnMissingBean(name = WRITER_BEAN)
  ExecutorService chatstackWebSocketWriter() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, "chatstack-ws-writer-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  @ConditionalOnMissingBean
  StompWebSocketHandler chatStompWebSocketHandler(
      StompEngine engine,
      @Qualifier(WRITER_BEAN) ExecutorService writer,
      ObjectProvider<ConnectionObserver> observer) {
    return new StompWebSocketHandler(
        engine, writer, observer.getIfAvailable(() -> ConnectionObserver.NONE));
  }

  @Bean
  WebSocketConfigurer chatWebSocketConfigurer(
      StompWebSocketHandler handler,
      ChatstackProperties properties,
      ObjectProvider<ServletContext> servletContext) {
    ChatstackProperties.WebSocket ws = properties.getWebsocket();
    String[] origins = ws.getAllowedOrigins().toArray(String[]::new);
    return registry -> {
      WebSocketHandlerRegistration raw = registry.addHandler(handler, ws.getPath());
      raw.setAllowedOriginPatterns(origins);
      ServletContext context = servletContext.getIfAvailable();
      if (context != null && context.getAttribute(JAKARTA_SERVER_CONTAINER) != null) {
        // The container's Jakarta WebSocket API, also on Jetty (where Spring would pick Jetty's
        // own API, whose Spring sessions wait for each send): its asynchronous writes let
        // chatstack write without a thread per write, and the connection runs on the
        // container's session without Spring's session in between. A container without it keeps
        // Spring's choice.
        raw.setHandshakeHandler(new DefaultHandshakeHandler(new StompUpgradeStrategy()));
      }
      if (ws.isSockjs()) {
        registry.addHandler(handler, ws.getPath()).setAllowedOriginPatterns(origins).withSockJS();
      }
    };
  }
}
