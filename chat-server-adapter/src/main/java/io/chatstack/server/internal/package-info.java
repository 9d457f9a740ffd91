/**
 * Implementation of the STOMP adapter: the transport-agnostic protocol engine ({@link
 * io.chatstack.server.internal.StompSession}), framing, routing, outbound queue. Not API: may
 * change without notice.
 */
@NullMarked
package io.chatstack.server.internal;

import org.jspecify.annotations.NullMarked;
