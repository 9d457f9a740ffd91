package io.chatstack.examples.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chatstack demo: the starter with dev services, serving the Next.js UI. Everything
 * chat-related comes from auto-configuration; see {@code application.properties}.
 */
@SpringBootApplication
public class ChatDemoApplication {
  public static void main(String[] args) {
    SpringApplication.run(ChatDemoApplication.class, args);
  }
}
