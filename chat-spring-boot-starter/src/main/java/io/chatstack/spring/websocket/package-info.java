/**
 * Auto-configuration of the STOMP endpoint ({@code /ws}, raw WebSocket and SockJS) in the host's
 * servlet container, with its customizer and connection observer, and the AsyncAPI document of its
 * protocol at {@code /asyncapi.yaml}.
 */
@NullMarked
package io.chatstack.spring.websocket;

import org.jspecify.annotations.NullMarked;
