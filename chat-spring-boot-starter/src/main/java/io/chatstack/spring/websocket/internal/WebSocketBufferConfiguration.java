package io.chatstack.spring.websocket.internal;

import io.chatstack.spring.ChatstackProperties;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Sizes the servlet container's per-connection WebSocket buffers when {@code
 * chatstack.websocket.buffer-size} is set. Containers allocate these buffers for every open
 * connection, idle or not (Tomcat: about 70 KiB by default), so they dominate the memory of a
 * server holding many quiet chat connections. chatstack's handler accepts partial messages, so a
 * buffer smaller than a STOMP frame only splits the frame; the frame limits of {@code StompLimits}
 * still apply. Smaller buffers mean more system calls for large messages and bursts. For raw
 * WebSocket clients only: Spring's SockJS handler takes whole messages, so SockJS clients could not
 * send a message larger than the buffer.
 *
 * <p>Sets the WebSocket container's text and binary message buffers (any JSR-356 container) and, on
 * Tomcat, the connector's socket buffers ({@code socket.appReadBufSize}, {@code
 * socket.appWriteBufSize}). Tomcat allocates the binary message buffer for every connection
 * although STOMP clients send text (stomp.js, Spring's and chatstack's clients, SockJS always):
 * there it is {@value #TOMCAT_BINARY_BUFFER} bytes, and a binary frame arrives in parts of that
 * size. These are the container's defaults, for every WebSocket endpoint of the application; a host
 * that declares its own {@code ServletServerContainerFactoryBean} keeps its own sizes. Tomcat's
 * WebSocket frame buffers are sized by the JVM-wide system property {@code
 * org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}, which a library should not set for the whole
 * JVM: start the JVM with {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=1024} as well to
 * bring an idle connection under 20 KiB.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "chatstack.websocket", name = "buffer-size")
public class WebSocketBufferConfiguration {
  /** The binary message buffer on Tomcat, in bytes. */
  static final int TOMCAT_BINARY_BUFFER = 128;

  @Bean
  @ConditionalOnMissingBean
  ServletServerContainerFactoryBean chatWebSocketContainer(ChatstackProperties properties) {
    int size = properties.getWebsocket().bufferSize();
    return new SizedContainer(size);
  }

  /**
   * Sizes the container's buffers once the container is known: the text buffer {@code size}, the
   * binary one {@code size} too, smaller on Tomcat.
   */
  private static final class SizedContainer extends ServletServerContainerFactoryBean {
    private final int size;

    SizedContainer(int size) {
      this.size = size;
      setMaxTextMessageBufferSize(size);
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
      Object server = servletContext.getAttribute(ServerContainer.class.getName());
      setMaxBinaryMessageBufferSize(
          Containers.isTomcat(server) ? Math.min(size, TOMCAT_BINARY_BUFFER) : size);
      super.setServletContext(servletContext);
    }
  }

  // Member classes are registered on their own: the outer condition must be repeated.
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "chatstack.websocket", name = "buffer-size")
  @ConditionalOnClass(
      name = {
        "org.apache.catalina.startup.Tomcat",
        "org.springframework.boot.tomcat.TomcatConnectorCustomizer"
      })
  static class Tomcat {
    @Bean
    TomcatConnectorCustomizer chatWebSocketSocketBuffers(ChatstackProperties properties) {
      String size = Integer.toString(properties.getWebsocket().bufferSize());
      return connector -> {
        connector.setProperty("socket.appReadBufSize", size);
        connector.setProperty("socket.appWriteBufSize", size);
      };
    }
  }
}
