package io.chatstack.examples.webhook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat server whose stored messages are POSTed to {@code webhook.url}: run with {@code
 * --webhook.url=http://localhost:9000/hook --webhook.secret=s3cret}.
 */
@SpringBootApplication
public class WebhookSenderApplication {
  public static void main(String[] args) {
    SpringApplication.run(WebhookSenderApplication.class, args);
  }
}
