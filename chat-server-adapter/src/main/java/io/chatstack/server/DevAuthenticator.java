package io.chatstack.server;

import java.util.regex.Pattern;

/**
 * Development-only {@link Authenticator}: trusts the user name the client claims, taken from the
 * CONNECT frame's {@code login} header or else the handshake query parameter {@code username}.
 *
 * <p>Never use it in production: anyone can be anyone. Names must be 1 to 64 letters, digits or
 * {@code . _ @ -}. Thread-safe (stateless).
 */
public final class DevAuthenticator implements Authenticator {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

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
    if (!NAME.matcher(name).matches()) {
      throw new AuthenticationException(
          "User name must be 1 to 64 letters, digits or . _ @ -; got "
              + name.length()
              + " characters");
    }
    return new ChatPrincipal(name);
  }
}
