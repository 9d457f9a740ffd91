package io.chatstack.spring.security;

import io.chatstack.server.AuthenticationException;
import io.chatstack.server.AuthenticationRequest;
import io.chatstack.server.Authenticator;
import io.chatstack.server.ChatPrincipal;

/**
 * The starter's default {@link Authenticator} (mode {@code principal}): the user the web
 * application authenticated on the HTTP request, the WebSocket handshake or a REST call (HTTP
 * session or token, e.g. through Spring Security). A CONNECT frame's {@code login} must be absent
 * or equal to it. Thread-safe (stateless).
 */
public final class HandshakePrincipalAuthenticator implements Authenticator {
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
    return new ChatPrincipal(user);
  }
}
