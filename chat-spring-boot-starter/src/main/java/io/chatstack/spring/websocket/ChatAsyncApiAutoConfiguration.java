package io.chatstack.spring.websocket;

import io.chatstack.server.StompEngine;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the AsyncAPI 3.0 description of the STOMP API at {@code GET} {@value #PATH} ({@code
 * application/yaml}) wherever the starter serves the STOMP endpoint: every destination with its
 * action, headers and JSON bodies, the error codes, the CONNECT credentials and the two servers
 * (raw WebSocket and SockJS at {@code /ws}). The bytes are the repository's {@code
 * docs/asyncapi.yaml}, which the build copies into the jar as {@value #RESOURCE}.
 *
 * <p>The path lies outside {@code /api/**}, so chatstack's authentication filter never sees it: it
 * is readable without credentials in every {@code chatstack.security.authentication} mode. A host
 * whose own security (e.g. Spring Security) protects every path permits it with {@code
 * requestMatchers(ChatAsyncApiAutoConfiguration.PATH).permitAll()}; a host that wants to hide it
 * excludes this auto-configuration ({@code spring.autoconfigure.exclude}).
 */
@AutoConfiguration(after = ChatWebSocketAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RouterFunction.class, StompEngine.class})
@ConditionalOnBean(StompEngine.class)
public final class ChatAsyncApiAutoConfiguration {
  /** Where the document is served. */
  public static final String PATH = "/asyncapi.yaml";

  /** The document on the class path. */
  public static final String RESOURCE = "META-INF/chatstack/asyncapi.yaml";

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  /** {@code GET} {@value #PATH}: the document, read once at start-up. */
  @Bean
  @ConditionalOnMissingBean(name = "chatAsyncApiRoute")
  RouterFunction<ServerResponse> chatAsyncApiRoute() {
    byte[] document = read();
    return RouterFunctions.route(
        RequestPredicates.GET(PATH),
        request -> ServerResponse.ok().contentType(YAML).body(document));
  }

  private static byte[] read() {
    try (InputStream in =
        ChatAsyncApiAutoConfiguration.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the class path: the starter jar was built without it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + RESOURCE, e);
    }
  }
}
