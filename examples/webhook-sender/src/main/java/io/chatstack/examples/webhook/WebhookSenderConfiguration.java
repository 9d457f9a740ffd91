package io.chatstack.examples.webhook;

import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the {@link WebhookSender} bean when {@code webhook.url} is set; the chatstack starter
 * hands every PersistListener bean to the message bus.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookSenderConfiguration {

  @Bean
  @ConditionalOnProperty(prefix = "webhook", name = "url")
  WebhookSender webhookSender(WebhookProperties properties) {
    return new WebhookSender(
        Objects.requireNonNull(properties.getUrl()),
        properties.getSecret(),
        properties.getTimeout());
  }
}
