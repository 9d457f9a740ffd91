package io.chatstack.spring.web;

import io.chatstack.core.ChatService;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the REST API ({@code /api/rooms}, {@code /api/messages}) in servlet web apps. */
@AutoConfiguration(after = ChatstackAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ChatService.class)
@ConditionalOnProperty(prefix = "chatstack.rest", name = "enabled", matchIfMissing = true)
public class ChatRestAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public RoomController chatRoomController(ChatService chat) {
    return new RoomController(chat);
  }

  @Bean
  @ConditionalOnMissingBean
  public MessageController chatMessageController(ChatService chat) {
    return new MessageController(chat);
  }

  @Bean
  @ConditionalOnMissingBean
  public ChatRestExceptionHandler chatRestExceptionHandler() {
    return new ChatRestExceptionHandler();
  }

  /** CORS for /api/** when chatstack.rest.allowed-origins lists browser origins. */
  @Bean
  public WebMvcConfigurer chatRestCors(ChatstackProperties properties) {
    List<String> origins = properties.getRest().getAllowedOrigins();
    return new WebMvcConfigurer() {
      @Override
      public void addCorsMappings(CorsRegistry registry) {
        if (!origins.isEmpty()) {
          registry
              .addMapping("/api/**")
              .allowedOriginPatterns(origins.toArray(String[]::new))
              .allowedMethods("GET", "POST", "DELETE")
              .exposedHeaders(MessageController.HAS_MORE);
        }
      }
    };
  }
}
