package io.chatstack.core;

import java.util.List;

/**
 * Called by the store side after a batch of records is durably in the {@link MessageStore} (the
 * "afterPersist" hook of issue 18). Named {@code PersistListener} rather than {@code
 * MessageListener} because {@link MessageListener} is already the subscription callback.
 *
 * <p>The batch holds the records of one or more rooms, each room's records in {@code seq} order;
 * records of different rooms carry no order relative to each other. Change records (EDIT, DELETE,
 * REACTION; see {@link ChatMessage#isChange()}) are included.
 *
 * <p>Delivery is at least once: a listener may see a record again (identify it by {@link
 * ChatMessage#id()}). With the in-memory bus the listener is called on the publishing thread, under
 * the room's lock, right after the store call; it must return quickly. An exception thrown by a
 * listener is logged and does not affect other listeners or storage.
 */
@FunctionalInterface
public interface PersistListener {
  /** The records just stored; the list is unmodifiable. */
  void afterPersist(List<ChatMessage> batch);
}
