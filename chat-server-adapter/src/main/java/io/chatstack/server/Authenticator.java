package io.chatstack.server;

/**
 * Decides who a STOMP client is, once per connection when its CONNECT frame arrives.
 *
 * <p>Implementations: {@link JwtAuthenticator} (signed tokens, for production) and {@link
 * DevAuthenticator} (trusts a plain user name, for development only). Called on the connection's
 * inbound thread; must be thread-safe and should not block for long.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The authenticated user.
   *
   * @throws AuthenticationException when the credentials are missing or invalid; the client gets an
   *     ERROR frame with the exception's message and is disconnected
   */
  ChatPrincipal authenticate(AuthenticationRequest request);
}
