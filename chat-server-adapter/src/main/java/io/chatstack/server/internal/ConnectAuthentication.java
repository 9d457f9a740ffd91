package io.chatstack.server.internal;

import io.chatstack.server.AuthenticationException;
import io.chatstack.server.AuthenticationRequest;
import io.chatstack.server.Authenticator;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.stomp.StompFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link Authenticator} who a CONNECT frame is: any failure of the authenticator other
 * than an {@link AuthenticationException}, and a null answer, count as a refusal (the cause is
 * logged, not told to the client). Thread-safe (stateless).
 */
final class ConnectAuthentication {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthentication.class);

  private ConnectAuthentication() {}

  /**
   * The authenticated user.
   *
   * @throws AuthenticationException when the authenticator refuses or fails
   */
  static ChatPrincipal authenticate(
      Authenticator authenticator, StompFrame connect, HandshakeInfo handshake, String sessionId) {
    ChatPrincipal user;
    try {
      user =
          authenticator.authenticate(
              new AuthenticationRequest(
                  connect.headers(),
                  handshake.headers(),
                  handshake.query(),
                  handshake.principal()));
    } catch (AuthenticationException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("STOMP session {}: authenticator failed", sessionId, e);
      throw new AuthenticationException("Authentication failed");
    }
    if (user == null) {
      throw new AuthenticationException("Authentication failed");
    }
    return user;
  }
}
