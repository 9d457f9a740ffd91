package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A MESSAGE on {@link StompDestinations#errors()} telling that a room subscription ended because
 * its user is no longer a participant (left, or was removed): {@code {"code":
 * "subscription-revoked", "message": "...", "roomId": 1, "subscription": "..."}}. Thread-safe
 * (immutable).
 *
 * @param code always {@link ErrorCodes#SUBSCRIPTION_REVOKED}
 * @param message what happened and what to do
 * @param roomId the room
 * @param subscription the id of the subscription that ended
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevocationBody(String code, String message, long roomId, String subscription) {

  /** The revocation of subscription {@code subscription} to room {@code roomId}. */
  public static RevocationBody of(long roomId, String subscription) {
    return new RevocationBody(
        ErrorCodes.SUBSCRIPTION_REVOKED,
        "You are no longer a participant of room "
            + roomId
            + "; the subscription has ended (join again and subscribe to continue)",
        roomId,
        subscription);
  }
}
