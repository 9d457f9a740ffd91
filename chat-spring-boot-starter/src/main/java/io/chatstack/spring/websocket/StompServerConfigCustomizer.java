package io.chatstack.spring.websocket;

import io.chatstack.server.StompServerConfig;

/**
 * Adjusts the {@link StompServerConfig.Builder} (limits, destinations, heart-beats) before the
 * starter builds its STOMP engine. Called once on the startup thread.
 */
@FunctionalInterface
public interface StompServerConfigCustomizer {
  /** Adjusts the builder. */
  void customize(StompServerConfig.Builder builder);
}
