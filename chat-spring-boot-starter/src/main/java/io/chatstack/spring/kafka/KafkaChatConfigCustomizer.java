package io.chatstack.spring.kafka;

import io.chatstack.kafka.KafkaChatConfig;

/** Adjusts the {@link KafkaChatConfig.Builder} after the {@code chatstack.kafka.*} properties. */
@FunctionalInterface
public interface KafkaChatConfigCustomizer {
  /** Adjusts the builder; called once on the startup thread. */
  void customize(KafkaChatConfig.Builder builder);
}
