package io.chatstack.spring.web;

/**
 * Body of {@code POST /api/rooms}.
 *
 * @param roomName name of the new room
 * @param creator user creating it; becomes its first participant
 */
public record CreateRoomRequest(String roomName, String creator) {}
