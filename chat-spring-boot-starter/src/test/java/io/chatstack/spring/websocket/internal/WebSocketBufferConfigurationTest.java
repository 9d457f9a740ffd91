package io.chatstack.spring.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.spring.ChatstackProperties;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The container sizes of {@code chatstack.websocket.buffer-size} outside Tomcat (Tomcat's smaller
 * binary buffer is exercised on a running Tomcat by {@code SmallBuffersIT}).
 */
class WebSocketBufferConfigurationTest {

  @Test
  void outsideTomcatBothMessageBuffersHaveTheConfiguredSize() {
    ChatstackProperties properties = new ChatstackProperties();
    properties.getWebsocket().setBufferSize(2048);
    ServletServerContainerFactoryBean container =
        new WebSocketBufferConfiguration().chatWebSocketContainer(properties);
    MockServletContext servletContext = new MockServletContext();
    servletContext.setAttribute(ServerContainer.class.getName(), new Object()); // not Tomcat's

    container.setServletContext(servletContext);

    assertThat(container.getMaxTextMessageBufferSize()).isEqualTo(2048);
    assertThat(container.getMaxBinaryMessageBufferSize()).isEqualTo(2048);
  }
}
