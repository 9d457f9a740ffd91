package io.chatstack.spring;

import io.chatstack.core.ChatService;

/**
 * Callback to adjust the {@link ChatService.Builder} before the auto-configured {@link ChatService}
 * is built. Beans of this type are applied in {@code @Order} order, on the startup thread.
 */
@FunctionalInterface
public interface ChatServiceCustomizer {
  /** Adjusts the builder. */
  void customize(ChatService.Builder builder);
}
