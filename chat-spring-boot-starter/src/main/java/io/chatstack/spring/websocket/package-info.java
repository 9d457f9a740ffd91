/**
 * Auto-configuration of the STOMP endpoint ({@code /ws}, raw WebSocket and SockJS) in the host's
 * servlet container, with its customizer and connection observer.
 */
@NullMarked
package io.chatstack.spring.websocket;

import org.jspecify.annotations.NullMarked;
