package io.chatstack.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MessageInterceptor} is asked about, apart from the draft itself.
 *
 * @param roomId the room the message goes to
 * @param sender the authenticated sender (or editor)
 * @param kind a new message or an edit
 * @param targetId for {@link Kind#EDIT}, the id of the message being edited; empty for a send
 * @param clientMsgId the client's idempotency key; empty when the client gave none
 */
public record InterceptContext(
    long roomId,
    String sender,
    Kind kind,
    Optional<String> targetId,
    Optional<String> clientMsgId) {

  /** What is being intercepted. */
  public enum Kind {
    /** A new chat message. */
    SEND,
    /** An edit of a chat message's content; edits carry no metadata. */
    EDIT
  }

  public InterceptContext {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(clientMsgId, "clientMsgId");
  }
}
