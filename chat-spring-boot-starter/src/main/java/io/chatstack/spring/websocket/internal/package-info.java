/**
 * Implementation of the STOMP endpoint on Spring's WebSocket support. Not API: may change without
 * notice.
 */
@NullMarked
package io.chatstack.spring.websocket.internal;

import org.jspecify.annotations.NullMarked;
