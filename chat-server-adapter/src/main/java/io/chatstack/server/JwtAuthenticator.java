package io.chatstack.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Authenticator} for signed JSON Web Tokens (verified with auth0 java-jwt).
 *
 * <p>The token is looked for, in order, in the CONNECT header {@code Authorization} ({@code Bearer
 * <token>}), the CONNECT header {@code passcode}, the handshake header {@code Authorization}, and
 * the handshake query parameter {@code access_token} (browsers cannot set WebSocket headers). The
 * signature, {@code exp}/{@code nbf}, and the configured issuer and audience are checked; the user
 * name is the {@code sub} claim unless configured otherwise, and must follow the one rule for user
 * names ({@link Names#requireUsername}).
 *
 * <p>Thread-safe (immutable) once built.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";
  private final JWTVerifier verifier;
  private final String usernameClaim;
  private final int maxUsernameLength;

  private JwtAuthenticator(Builder b) {
    Verification verification = JWT.require(b.algorithm).acceptLeeway(b.leeway.toSeconds());
    if (b.issuer != null) {
      verification = verification.withIssuer(b.issuer);
    }
    if (b.audience != null) {
      verification = verification.withAudience(b.audience);
    }
    this.verifier = ((JWTVerifier.BaseVerification) verification).build(b.clock);
    this.usernameClaim = b.usernameClaim;
    this.maxUsernameLength = b.maxUsernameLength;
  }

  /** Tokens signed with HMAC-SHA256 and this shared secret (at least 32 bytes). */
  public static Builder hmacSha256(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "HMAC-SHA256 secret must be at least 32 bytes, was " + secret.length);
    }
    return new Builder(Algorithm.HMAC256(secret));
  }

  /** Tokens signed with RSA-SHA256; verified with this public key. */
  public static Builder rsaSha256(RSAPublicKey publicKey) {
    return new Builder(Algorithm.RSA256(Objects.requireNonNull(publicKey, "publicKey"), null));
  }

  @Override
  public ChatPrincipal authenticate(AuthenticationRequest request) {
    String token =
        token(request)
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "No token: send 'Authorization: Bearer <jwt>' in the CONNECT frame"));
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (JWTVerificationException e) {
      throw new AuthenticationException("Token rejected: " + e.getMessage());
    }
    Claim claim = jwt.getClaim(usernameClaim);
    String name = claim.isMissing() || claim.isNull() ? null : claim.asString();
    if (name == null) {
      throw new AuthenticationException(
          "Token claim '" + usernameClaim + "' must be a string naming the user");
    }
    try {
      return new ChatPrincipal(Names.requireUsername(name, maxUsernameLength));
    } catch (InvalidUsernameException e) {
      throw new AuthenticationException(
          "Token claim '" + usernameClaim + "': " + e.getMessage(), e);
    }
  }

  private static Optional<String> token(AuthenticationRequest request) {
    return request
        .connectHeader("Authorization")
        .or(() -> request.connectHeader("authorization"))
        .flatMap(JwtAuthenticator::bearer)
        .or(() -> request.connectHeader("passcode"))
        .or(() -> request.handshakeHeader("Authorization").flatMap(JwtAuthenticator::bearer))
        .or(() -> request.queryParameter("access_token"))
        .filter(t -> !t.isBlank());
  }

  private static Optional<String> bearer(String header) {
    return header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? Optional.of(header.substring(BEARER.length()).trim())
        : Optional.empty();
  }

  /** Configures a {@link JwtAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private final Algorithm algorithm;
    private String issuer;
    private String audience;
    private Duration leeway = Duration.ofSeconds(30);
    private String usernameClaim = "sub";
    private int maxUsernameLength = 64;
    private Clock clock = Clock.systemUTC();

    private Builder(Algorithm algorithm) {
      this.algorithm = algorithm;
    }

    /** Required {@code iss} claim; default none checked. */
    public Builder issuer(String value) {
      this.issuer = Objects.requireNonNull(value, "issuer");
      return this;
    }

    /** Required {@code aud} claim; default none checked. */
    public Builder audience(String value) {
      this.audience = Objects.requireNonNull(value, "audience");
      return this;
    }

    /** Clock skew tolerated for {@code exp}, {@code nbf}, {@code iat}; default 30 seconds. */
    public Builder leeway(Duration value) {
      this.leeway = Objects.requireNonNull(value, "leeway");
      return this;
    }

    /** Claim holding the user name; default {@code sub}. */
    public Builder usernameClaim(String claim) {
      this.usernameClaim = Objects.requireNonNull(claim, "claim");
      return this;
    }

    /**
     * Longest user name accepted in the claim; default 64. Names follow {@link
     * Names#requireUsername}: letters, digits or {@code . _ @ -}, in one script.
     */
    public Builder maxUsernameLength(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxUsernameLength must be at least 1");
      }
      this.maxUsernameLength = value;
      return this;
    }

    /** Clock for expiry checks; default UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The authenticator. */
    public JwtAuthenticator build() {
      return new JwtAuthenticator(this);
    }
  }
}
