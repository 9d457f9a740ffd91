package io.chatstack.examples.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chatstack demo: the starter with dev services, serving the Next.js UI. Everything
 * chat-related comes from auto-configuration; see {@code application.properties}.
 */
@SpringBootApplication
public class ChatDemoApplication {
  /** Tomcat's WebSocket frame buffers, per connection; see chatstack.websocket.buffer-size. */
  static final String TOMCAT_FRAME_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

  public static void main(String[] args) {
    // Small per-connection buffers: a chat server holds many mostly idle connections. Set before
    // Tomcat loads; a -D on the command line wins.
    if (System.getProperty(TOMCAT_FRAME_BUFFER) == null) {
      System.setProperty(TOMCAT_FRAME_BUFFER, "1024");
    }
    SpringApplication.run(ChatDemoApplication.class, args);
  }
}
