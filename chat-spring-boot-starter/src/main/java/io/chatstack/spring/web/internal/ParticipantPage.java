package io.chatstack.spring.web.internal;

import io.chatstack.core.Participant;
import java.util.List;

/**
 * Answer of {@code GET /api/rooms/{id}/participants}. Thread-safe (immutable).
 *
 * @param roomId room id
 * @param participants names ascending, after the {@code after} cursor
 * @param participantCount how many participants the room has
 * @param hasMore whether names follow the last one (pass it as {@code after})
 * @param members the same participants in the same order, each with their role
 */
record ParticipantPage(
    long roomId,
    List<String> participants,
    int participantCount,
    boolean hasMore,
    List<Participant> members) {}
