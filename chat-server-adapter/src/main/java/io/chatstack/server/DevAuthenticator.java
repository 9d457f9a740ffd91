package io.chatstack.server;

import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;

/**
 * Development-only {@link Authenticator}: trusts the user name the client claims, taken from the
 * CONNECT frame's {@code login} header or else the handshake query parameter {@code username}.
 *
 * <p>Never use it in production: anyone can be anyone. Names follow the one rule of {@link
 * Names#requireUsername}: 1 to 64 (by default) letters, digits or {@code . _ @ -}, in one script.
 * Thread-safe (immutable).
 */
public final class DevAuthenticator implements Authenticator {
  private final int maxUsernameLength;

  /** Accepts user names of up to 64 characters. */
  public DevAuthenticator() {
    this(64);
  }

  /** Accepts user names of up to {@code maxUsernameLength} characters (at least 1). */
  public DevAuthenticator(int maxUsernameLength) {
    if (maxUsernameLength < 1) {
      throw new IllegalArgumentException("maxUsernameLength must be at least 1");
    }
    this.maxUsernameLength = maxUsernameLength;
  }

  @Override
  public ChatPrincipal authenticate(AuthenticationRequest request) {
    String name =
        request
            .connectHeader("login")
            .or(() -> request.queryParameter("username"))
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "Dev mode needs a user name: send it in the CONNECT header 'login'"));
    try {
      return new ChatPrincipal(Names.requireUsername(name, maxUsernameLength));
    } catch (InvalidUsernameException e) {
      throw new AuthenticationException(e.getMessage(), e);
    }
  }
}
