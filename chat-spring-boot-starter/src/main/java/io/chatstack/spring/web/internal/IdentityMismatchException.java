package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatException;

/**
 * A request named a user other than the authenticated principal (for example {@code creator} in the
 * body of {@code POST /api/rooms}). Answered with 403.
 */
final class IdentityMismatchException extends ChatException {
  private static final long serialVersionUID = 1L;

  IdentityMismatchException(String authenticated, String claimed) {
    super(
        "identity-mismatch",
        "Authenticated as '"
            + authenticated
            + "' but the request names '"
            + claimed
            + "'; omit the user name or send your own");
  }
}
