package io.chatstack.spring.security.internal;

import io.chatstack.server.Authenticator;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.JwtAuthenticator;
import io.chatstack.spring.ChatstackProperties;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link Authenticator} that chatstack.security.* describes. Stateless. */
public final class AuthenticatorFactory {
  private static final Logger log = LoggerFactory.getLogger(AuthenticatorFactory.class);

  private AuthenticatorFactory() {}

  public static Authenticator create(ChatstackProperties properties) {
    String mode = properties.authenticationMode();
    int maxName = properties.getLimits().getMaxUsernameLength();
    return switch (mode) {
      case "principal" -> new HandshakePrincipalAuthenticator(maxName);
      case "dev" -> {
        log.warn(
            "chatstack.security.authentication=dev: REST and STOMP trust the user name each client"
                + " sends; anyone can act as anyone. Use principal or jwt outside development.");
        yield new DevAuthenticator(maxName);
      }
      case "jwt" -> jwt(properties);
      default ->
          throw new IllegalArgumentException(
              "chatstack.security.authentication must be principal, dev or jwt, was '"
                  + mode
                  + "'");
    };
  }

  private static Authenticator jwt(ChatstackProperties properties) {
    ChatstackProperties.Jwt settings = properties.getSecurity().getJwt();
    String secret = properties.jwtSecret();
    JwtAuthenticator.Builder jwt;
    if (settings.getJwkSetUri() != null) {
      if (secret != null) {
        throw new IllegalArgumentException(
            "Set either chatstack.security.jwt.jwk-set-uri or chatstack.security.jwt.secret, not"
                + " both");
      }
      jwt = JwtAuthenticator.jwkSet(url(settings.getJwkSetUri()));
    } else if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException(
          "chatstack.security.authentication=jwt needs chatstack.security.jwt.secret of at least"
              + " 32 characters (or chatstack.security.jwt.jwk-set-uri)");
    } else {
      jwt = JwtAuthenticator.hmacSha256(secret.getBytes(StandardCharsets.UTF_8));
    }
    jwt.maxUsernameLength(properties.getLimits().getMaxUsernameLength());
    if (properties.jwtIssuer() != null) {
      jwt.issuer(properties.jwtIssuer());
    }
    if (settings.getAudience() != null) {
      jwt.audience(settings.getAudience());
    }
    jwt.usernameClaim(settings.getUserClaim())
        .maxUsernameLength(properties.getLimits().getMaxUsernameLength());
    return jwt.build();
  }

  private static URL url(URI uri) {
    try {
      return uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "chatstack.security.jwt.jwk-set-uri must be an absolute http(s) URL, was " + uri, e);
    }
  }
}
