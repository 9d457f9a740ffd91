package io.chatstack.spring.web;

/**
 * Body of {@code POST /api/rooms/{id}/participants}.
 *
 * @param username user who joins the room
 */
public record ParticipantRequest(String username) {}
