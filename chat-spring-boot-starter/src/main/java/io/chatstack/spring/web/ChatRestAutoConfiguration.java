package io.chatstack.spring.web;

import io.chatstack.core.ChatService;
import io.chatstack.server.Authenticator;
import io.chatstack.server.RoomAccess;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import io.chatstack.spring.security.ChatSecurityAutoConfiguration;
import io.chatstack.spring.web.internal.AdminController;
import io.chatstack.spring.web.internal.AdminGuard;
import io.chatstack.spring.web.internal.ApiErrorResolver;
import io.chatstack.spring.web.internal.ChatApiFilter;
import io.chatstack.spring.web.internal.ChatRestExceptionHandler;
import io.chatstack.spring.web.internal.MessageChangeController;
import io.chatstack.spring.web.internal.MessageController;
import io.chatstack.spring.web.internal.ModerationController;
import io.chatstack.spring.web.internal.RestCallerArgumentResolver;
import io.chatstack.spring.web.internal.RestRateLimiter;
import io.chatstack.spring.web.internal.RoomController;
import io.chatstack.spring.web.internal.RoomSignalController;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the REST API ({@code /api/rooms} with presence and read state, {@code /api/messages}
 * with edits, deletes and reactions, {@code /api/admin} for callers with {@code
 * chatstack.admin.authority}) in servlet web apps, and the filter that authenticates, rate-limits
 * and bounds every {@code /api/**} request (see {@link #FILTER_ORDER}).
 */
@AutoConfiguration(after = {ChatstackAutoConfiguration.class, ChatSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ChatService.class, RoomAccess.class, Authenticator.class})
@ConditionalOnProperty(prefix = "chatstack.rest", name = "enabled", matchIfMissing = true)
public final class ChatRestAutoConfiguration {
  /**
   * Order of the {@code /api/**} filter: late, after Spring Security's filter chain (order -100)
   * and any filter with a lower order that authenticates the request for principal mode.
   */
  public static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

  @Bean
  @ConditionalOnMissingBean
  RoomController chatRoomController(RoomAccess access, ChatService chat) {
    return new RoomController(access, chat);
  }

  /** Roles, moderation, rename and delete: /api/rooms/{id}/roles, /moderation, PATCH, DELETE. */
  @Bean
  @ConditionalOnMissingBean
  ModerationController chatModerationController(RoomAccess access) {
    return new ModerationController(access);
  }

  /** Presence and read state of a room: GET /api/rooms/{id}/presence, PUT /api/rooms/{id}/read. */
  @Bean
  @ConditionalOnMissingBean
  RoomSignalController chatRoomSignalController(RoomAccess access) {
    return new RoomSignalController(access);
  }

  @Bean
  @ConditionalOnMissingBean
  MessageController chatMessageController(RoomAccess access) {
    return new MessageController(access);
  }

  /**
   * Edits, deletes and reactions: PATCH/DELETE /api/messages/{roomId}/{messageId}[/reactions/..].
   */
  @Bean
  @ConditionalOnMissingBean
  MessageChangeController chatMessageChangeController(RoomAccess access) {
    return new MessageChangeController(access);
  }

  /** Erasure of a user's messages: DELETE /api/admin/users/{username}/messages. */
  @Bean
  @ConditionalOnMissingBean
  AdminController chatAdminController(ChatService chat, ChatstackProperties properties) {
    ChatstackProperties.Admin admin = properties.getAdmin();
    return new AdminController(
        chat,
        new AdminGuard(
            properties.authenticationMode(), admin.getAuthority(), admin.isAllowInDevMode()),
        properties.getLimits().getMaxUsernameLength());
  }

  @Bean
  @ConditionalOnMissingBean
  ChatRestExceptionHandler chatRestExceptionHandler() {
    return new ChatRestExceptionHandler();
  }

  /** Authentication, rate limit and body limit of /api/**, with problem JSON for every error. */
  @Bean
  @ConditionalOnMissingBean(name = "chatApiFilter")
  FilterRegistrationBean<?> chatApiFilter(
      Authenticator authenticator, ChatstackProperties properties) {
    ChatstackProperties.Rest rest = properties.getRest();
    ChatApiFilter filter =
        new ChatApiFilter(
            authenticator,
            properties.authenticationMode(),
            new RestRateLimiter(rest.getRequestsPerSecond()),
            rest.getMaxBodySize().toBytes(),
            properties.getLimits().getMaxUsernameLength());
    FilterRegistrationBean<ChatApiFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/api/*");
    registration.setName("chatstackApiFilter");
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  /**
   * CORS for /api/** when chatstack.rest.allowed-origins lists browser origins. A servlet filter
   * ahead of {@link #chatApiFilter} (not Spring MVC's mapping), so that the filter's own answers
   * (401, 413, 429) carry the CORS headers too and a browser can read them.
   */
  @Bean
  @ConditionalOnMissingBean(name = "chatRestCorsFilter")
  FilterRegistrationBean<CorsFilter> chatRestCorsFilter(ChatstackProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    List<String> origins = properties.getRest().getAllowedOrigins();
    if (!origins.isEmpty()) {
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOriginPatterns(origins);
      cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
      cors.addAllowedHeader(CorsConfiguration.ALL);
      cors.setExposedHeaders(
          List.of(MessageController.HAS_MORE, "Retry-After", "WWW-Authenticate"));
      source.registerCorsConfiguration("/api/**", cors);
    }
    FilterRegistrationBean<CorsFilter> registration =
        new FilterRegistrationBean<>(new CorsFilter(source));
    registration.addUrlPatterns("/api/*");
    registration.setName("chatstackApiCorsFilter");
    registration.setOrder(FILTER_ORDER - 1);
    return registration;
  }

  /**
   * Resolves the REST caller argument of chatstack's controllers, and answers Spring MVC's own
   * errors under /api (404, 405, 415, 406) before the application's exception handlers do ({@link
   * ApiErrorResolver}).
   */
  @Bean
  WebMvcConfigurer chatRestArguments() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RestCallerArgumentResolver());
      }

      @Override
      public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, new ApiErrorResolver());
      }
    };
  }
}
