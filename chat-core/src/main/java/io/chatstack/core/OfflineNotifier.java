package io.chatstack.core;

import java.util.List;

/**
 * Tells a participant about chat messages they missed while offline: push notifications, e-mail
 * digests. Plug it in with {@link OfflineNotifications} (Spring Boot: declare the bean; every
 * OfflineNotifier bean is picked up).
 *
 * <p>Called after the messages are stored, for each participant of the room who has no live session
 * on any node ({@link Presence#snapshot(long)}), never for the sender of a message, for {@link
 * MessageType#CHAT} messages only, and at most once per user and room per {@link
 * OfflineNotifications.Builder#minInterval min-interval} (default 60 s): messages stored within the
 * interval after a notification are not notified again.
 *
 * <p>Threading: called on the thread that calls the persist listeners (the Kafka persister thread,
 * or with the in-memory bus the publishing thread under the room's lock), one call at a time; it
 * must return quickly: hand slow work (HTTP calls to a push service) to your own executor. An
 * exception is logged and does not affect storage or other notifications.
 *
 * <p>Lifecycle: as long as the {@link OfflineNotifications} that calls it; no close callback.
 */
@FunctionalInterface
public interface OfflineNotifier {
  /**
   * {@code username} is offline and missed {@code messages}.
   *
   * @param username a participant of the room without a live session
   * @param roomId the room
   * @param messages the room's chat messages of one stored batch not sent by {@code username}, in
   *     seq order, at least one; unmodifiable
   */
  void notifyOffline(String username, long roomId, List<ChatMessage> messages);
}
