package io.chatstack.client.internal;

import io.chatstack.client.ConnectionListener;
import io.chatstack.client.ReconnectPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Settings of one client, validated by the public builder. Thread-safe (immutable).
 *
 * @param listenerExecutor the user's executor, or empty to create a dedicated thread
 */
public record ClientConfig(
    URI uri,
    Optional<String> login,
    Optional<String> token,
    Duration heartbeat,
    ReconnectPolicy reconnect,
    Optional<Executor> listenerExecutor,
    Duration requestTimeout,
    ConnectionListener connectionListener) {}
