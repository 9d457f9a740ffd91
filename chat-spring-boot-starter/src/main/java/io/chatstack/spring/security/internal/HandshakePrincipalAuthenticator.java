package io.chatstack.spring.security.internal;

import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;
import io.chatstack.server.AuthenticationException;
import io.chatstack.server.AuthenticationRequest;
import io.chatstack.server.Authenticator;
import io.chatstack.server.ChatPrincipal;

/**
 * The starter's default {@link Authenticator} (mode {@code principal}): the user the web
 * application authenticated on the HTTP request, the WebSocket handshake or a REST call (HTTP
 * session or token, e.g. through Spring Security). A CONNECT frame's {@code login} must be absent
 * or equal to it. The name must follow chatstack's user-name rule ({@link Names}), like a STOMP
 * login or a JWT claim; a principal that does not is refused at once instead of failing at its
 * first action. Thread-safe (immutable).
 */
public final class HandshakePrincipalAuthenticator implements Authenticator {
  private final int maxUsernameLength;

  /** With the default maximum of 64 characters. */
  public HandshakePrincipalAuthenticator() {
    this(64);
  }

  /** With another maximum user-name length (the service's {@code ChatLimits}). */
  public HandshakePrincipalAuthenticator(int maxUsernameLength) {
    this.maxUsernameLength = maxUsernameLength;
  }

  @Override
  public ChatPrincipal authenticate(AuthenticationRequest request) {
    String user =
        request
            .handshakePrincipal()
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "No authenticated user on the request: protect /ws and /api with Spring"
                            + " Security (or another authentication), or set"
                            + " chatstack.security.authentication=dev for development"));
    request
        .connectHeader("login")
        .filter(login -> !login.isEmpty() && !login.equals(user))
        .ifPresent(
            login -> {
              throw new AuthenticationException(
                  "CONNECT login '" + login + "' differs from the authenticated user");
            });
    try {
      Names.requireUsername(user, maxUsernameLength);
    } catch (InvalidUsernameException e) {
      throw new AuthenticationException("Authenticated user name refused: " + e.getMessage());
    }
    return new ChatPrincipal(user);
  }
}
