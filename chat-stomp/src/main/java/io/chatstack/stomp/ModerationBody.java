package io.chatstack.stomp;

import org.jspecify.annotations.Nullable;

/**
 * The body of SEND {@link StompDestinations#moderation(long)}: {@code {"action": "kick"|"ban"|
 * "unban"|"mute"|"unmute"|"role"|"rename"|"delete", "username"?, "until"?, "reason"?, "role"?,
 * "roomName"?}}. Which fields an action needs: {@code username} for kick, ban, unban, mute, unmute
 * and role; {@code role} ({@code MODERATOR} or {@code MEMBER}) for role; {@code roomName} for
 * rename; nothing for delete; {@code until} (ISO-8601 instant) and {@code reason} are optional for
 * ban and mute. Thread-safe (immutable); absent fields are null.
 *
 * @param action what to do
 * @param username whom it concerns
 * @param until when a ban or mute ends by itself
 * @param reason why
 * @param role the new role (action role)
 * @param roomName the new name (action rename)
 */
public record ModerationBody(
    String action,
    @Nullable String username,
    @Nullable String until,
    @Nullable String reason,
    @Nullable String role,
    @Nullable String roomName) {}
