/**
 * The Java client of chatstack: {@link io.chatstack.client.ChatClient}, modelled on OkHttp's
 * WebSocket API, with {@link io.chatstack.client.RoomListener}, {@link
 * io.chatstack.client.SignalListener} (presence, typing, read receipts, read state) and {@link
 * io.chatstack.client.ConnectionListener} callbacks (no-op defaults), receipts as futures,
 * automatic reconnect ({@link io.chatstack.client.ReconnectPolicy}) and gap-free recovery by {@code
 * seq}. Domain types ({@link io.chatstack.core.ChatMessage}, {@link io.chatstack.core.Room}, {@link
 * io.chatstack.core.HistoryPage}) come from chat-core. Packages named {@code internal} are not API.
 */
@NullMarked
package io.chatstack.client;

import org.jspecify.annotations.NullMarked;
