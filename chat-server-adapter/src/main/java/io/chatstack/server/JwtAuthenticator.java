package io.chatstack.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;
import io.chatstack.server.internal.JwksKeys;
import io.chatstack.server.internal.KeyLookupException;
import java.net.URL;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Authenticator} for signed JSON Web Tokens (verified with auth0 java-jwt). Build one with
 * {@link #hmacSha256} (shared secret), {@link #rsaSha256} (one RSA public key) or {@link #jwkSet}
 * (the keys of an identity provider's JSON Web Key Set URL, RS256 and ES256).
 *
 * <p>The token is looked for, in order, in the CONNECT header {@code Authorization} (or {@code
 * authorization}; {@code Bearer <token>}), the CONNECT header {@code passcode}, the handshake
 * header {@code Authorization}, and the handshake query parameter {@code access_token} (browsers
 * cannot set WebSocket headers). The first one found is the token; the others are not tried.
 *
 * <p>What is checked: the header's {@code alg} must be one this authenticator verifies ({@code
 * HS256}, {@code RS256}, or {@code RS256}/{@code ES256} for a key set; {@code none} and any other
 * are refused) and picks the algorithm; the signature, with the configured key or the key set's key
 * named by {@code kid}; {@code exp}, {@code nbf} and {@code iat} with the configured leeway; the
 * issuer and audience when configured. The user name is the {@code sub} claim unless configured
 * otherwise, and must follow the one rule for user names ({@link Names#requireUsername}). A refused
 * token is an {@link AuthenticationException} saying why.
 *
 * <p>Thread-safe (immutable) once built; {@link #authenticate} runs on the thread that handles the
 * connection's CONNECT frame. With a key set, a token naming a {@code kid} not yet cached makes
 * that thread fetch the set (at most 5 seconds to connect and 5 to read, and at most 10 fetches a
 * minute per authenticator); keys are cached for 15 minutes.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";
  // One verifier per accepted alg header value: the header picks the algorithm, never the key type.
  private final Map<String, JWTVerifier> verifiers;
  private final String usernameClaim;
  private final int maxUsernameLength;
  private final String accepted;

  private JwtAuthenticator(Builder b) {
    Map<String, JWTVerifier> byAlg = new LinkedHashMap<>();
    for (Algorithm algorithm : b.algorithms) {
      Verification verification = JWT.require(algorithm).acceptLeeway(b.leeway.toSeconds());
      if (b.issuer != null) {
        verification = verification.withIssuer(b.issuer);
      }
      if (b.audience != null) {
        verification = verification.withAudience(b.audience);
      }
      byAlg.put(algorithm.getName(), ((JWTVerifier.BaseVerification) verification).build(b.clock));
    }
    this.verifiers = Map.copyOf(byAlg);
    this.accepted = String.join(" or ", byAlg.keySet());
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

  /**
   * Tokens signed with RS256 or ES256 by one of the keys of this JSON Web Key Set (e.g. an identity
   * provider's {@code https://idp.example.com/.well-known/jwks.json}); the token's {@code kid}
   * header names the key. Keys are fetched when first needed, cached for 15 minutes, and fetched
   * again when a token names an unknown {@code kid} (so a key rotation is picked up at once), at
   * most 10 times a minute. Tokens with another {@code alg} ({@code none}, {@code HS256}, ...) are
   * refused.
   *
   * <p>Needs {@code com.auth0:jwks-rsa} on the class path.
   *
   * @throws IllegalStateException if jwks-rsa is missing
   */
  public static Builder jwkSet(URL jwksUrl) {
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    try {
      Class.forName("com.auth0.jwk.JwkProvider", false, JwtAuthenticator.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "JwtAuthenticator.jwkSet needs the library com.auth0:jwks-rsa (0.24.2 or later):"
              + " add it to your dependencies",
          e);
    }
    JwksKeys keys = new JwksKeys(jwksUrl);
    return new Builder(Algorithm.RSA256(keys.rsa()), Algorithm.ECDSA256(keys.ec()));
  }

  @Override
  public ChatPrincipal authenticate(AuthenticationRequest request) {
    String token =
        token(request)
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "No token: send 'Authorization: Bearer <jwt>' (a CONNECT header over STOMP, an HTTP"
                            + " header over REST)"));
    DecodedJWT jwt;
    try {
      DecodedJWT decoded = JWT.decode(token);
      String alg = decoded.getAlgorithm();
      JWTVerifier verifier = alg == null ? null : verifiers.get(alg);
      if (verifier == null) {
        throw new AuthenticationException(
            "Token rejected: algorithm '"
                + shown(decoded.getAlgorithm())
                + "' is not accepted; sign with "
                + accepted);
      }
      jwt = verifier.verify(decoded);
    } catch (SignatureVerificationException e) {
      throw new AuthenticationException(
          "Token rejected: "
              + (e.getCause() instanceof KeyLookupException lookup
                  ? lookup.getMessage()
                  : e.getMessage()));
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

  // The alg header is attacker input: shown only when it looks like an algorithm name.
  private static String shown(String alg) {
    return alg != null && alg.matches("[A-Za-z0-9]{1,16}") ? alg : "(not shown)";
  }

  private static Optional<String> bearer(String header) {
    return header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? Optional.of(header.substring(BEARER.length()).trim())
        : Optional.empty();
  }

  /** Configures a {@link JwtAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private final List<Algorithm> algorithms;
    private String issuer;
    private String audience;
    private Duration leeway = Duration.ofSeconds(30);
    private String usernameClaim = "sub";
    private int maxUsernameLength = 64;
    private Clock clock = Clock.systemUTC();

    private Builder(Algorithm... algorithms) {
      this.algorithms = List.of(algorithms);
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
