package io.chatstack.core;

/**
 * Who can see a room and how one becomes a participant. In JSON as {@code "visibility"}.
 *
 * <ul>
 *   <li>{@link #PUBLIC}: listed for everyone; anyone may join.
 *   <li>{@link #PRIVATE}: seen only by its participants; one becomes a participant only when a
 *       participant invites them.
 *   <li>{@link #DIRECT}: the one room of two users ({@link ChatService#directRoom}); seen only by
 *       those two, who stay its only participants.
 * </ul>
 */
public enum RoomVisibility {
  /** Listed for everyone; anyone may join (the default). */
  PUBLIC,
  /** Seen by participants only; joined by invitation of a participant. */
  PRIVATE,
  /** The one room of two users; nobody else can join. */
  DIRECT
}
