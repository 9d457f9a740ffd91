/**
 * chatstack's domain and its facade: {@link io.chatstack.core.ChatService}, the rooms and messages
 * it works on, and the ports it needs ({@link io.chatstack.core.RoomRepository}, {@link
 * io.chatstack.core.MessageStore}, {@link io.chatstack.core.MessageBus}); plain Java, no
 * technology.
 */
@NullMarked
package io.chatstack.core;

import org.jspecify.annotations.NullMarked;
