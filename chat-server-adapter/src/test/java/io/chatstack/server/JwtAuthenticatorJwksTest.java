package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JwtAuthenticator#jwkSet}: a JSON Web Key Set served by the JDK's HTTP server on 127.0.0.1
 * with an RSA and an EC key, tokens minted with java-jwt and the private keys.
 */
class JwtAuthenticatorJwksTest {
  private static final String ISSUER = "https://idp.test";
  private static final String AUDIENCE = "chatstack";
  private static final KeyPair RSA = generate("RSA", null);
  private static final KeyPair RSA_OTHER = generate("RSA", null);
  private static final KeyPair EC = generate("EC", "secp256r1");

  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> jwks =
      new AtomicReference<>(jwks(rsaJwk("rsa-1", RSA), ecJwk("ec-1", EC)));
  private final HttpServer server = serve();
  private final JwtAuthenticator authenticator =
      JwtAuthenticator.jwkSet(url()).issuer(ISSUER).audience(AUDIENCE).build();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void acceptsRs256AndEs256TokensSignedWithKeysOfTheSet() {
    assertThat(authenticate(rs256("rsa-1", RSA, b -> {})).name()).isEqualTo("alice");
    assertThat(authenticate(es256("ec-1", EC, b -> {})).name()).isEqualTo("alice");
  }

  @Test
  void refusesWrongKeyUnknownKidMissingKidExpiredWrongIssuerAndWrongAudience() {
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("wrong key", rs256("rsa-1", RSA_OTHER, b -> {}));
    tokens.put("unknown kid", rs256("rsa-9", RSA, b -> {}));
    tokens.put("no kid", rs256(null, RSA, b -> {}));
    tokens.put(
        "expired", rs256("rsa-1", RSA, b -> b.withExpiresAt(Instant.now().minusSeconds(3600))));
    tokens.put("wrong issuer", es256("ec-1", EC, b -> b.withIssuer("https://evil.test")));
    tokens.put("wrong audience", es256("ec-1", EC, b -> b.withAudience("other")));
    tokens.forEach(
        (what, token) ->
            assertThatThrownBy(() -> authenticate(token))
                .as(what)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("Token rejected"));
    assertThatThrownBy(() -> authenticate(tokens.get("unknown kid")))
        .hasMessageContaining("no key 'rsa-9'");
    assertThatThrownBy(() -> authenticate(tokens.get("no kid")))
        .hasMessageContaining("no 'kid' header");
  }

  @Test
  void refusesNoneHmacOtherAlgorithmsAndAKeyOfTheWrongType() {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    String none = claims("rsa-1").sign(Algorithm.none());
    String hs256 = claims("rsa-1").sign(Algorithm.HMAC256(secret));
    String rs384 =
        claims("rsa-1")
            .sign(
                Algorithm.RSA384((RSAPublicKey) RSA.getPublic(), (RSAPrivateKey) RSA.getPrivate()));
    for (String token : List.of(none, hs256, rs384)) {
      assertThatThrownBy(() -> authenticate(token))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("is not accepted; sign with RS256 or ES256");
    }
    // An EC signature with the kid of the RSA key, and the other way round.
    assertThatThrownBy(() -> authenticate(es256("rsa-1", EC, b -> {})))
        .hasMessageContaining("'rsa-1' is not a key for ES256");
    assertThatThrownBy(() -> authenticate(rs256("ec-1", RSA, b -> {})))
        .hasMessageContaining("'ec-1' is not a key for RS256");
  }

  @Test
  void keysAreCachedSoATokenWithAKnownKidCausesNoFetch() {
    authenticate(rs256("rsa-1", RSA, b -> {}));
    assertThat(fetches).hasValue(1);

    authenticate(rs256("rsa-1", RSA, b -> b.withSubject("bob")));
    authenticate(rs256("rsa-1", RSA, b -> b.withSubject("carol")));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aRotatedKeyIsPickedUpForATokenNamingItsKid() {
    KeyPair next = generate("RSA", null);
    authenticate(rs256("rsa-1", RSA, b -> {}));
    int before = fetches.get();

    jwks.set(jwks(rsaJwk("rsa-2", next), ecJwk("ec-1", EC)));
    assertThat(authenticate(rs256("rsa-2", next, b -> b.withSubject("bob"))).name())
        .isEqualTo("bob");
    assertThat(fetches.get()).isEqualTo(before + 1);
  }

  @Test
  void unknownKidsRefetchAtMostTenTimesAMinute() {
    for (int i = 0; i < 50; i++) {
      String token = rs256(UUID.randomUUID().toString(), RSA, b -> {});
      assertThatThrownBy(() -> authenticate(token)).isInstanceOf(AuthenticationException.class);
    }
    // The bucket refills one fetch every 6 seconds: one more at most while the loop runs.
    assertThat(fetches.get()).isBetween(1, 11);
    assertThatThrownBy(() -> authenticate(rs256("rsa-7", RSA, b -> {})))
        .hasMessageContaining("fetched too often");
  }

  @Test
  void tokenIsLookedForInTheDocumentedOrder() {
    String good = rs256("rsa-1", RSA, b -> {});
    String bad = rs256("rsa-1", RSA_OTHER, b -> {});
    // The CONNECT Authorization header wins over passcode, handshake header and query.
    assertThat(
            authenticator
                .authenticate(
                    new AuthenticationRequest(
                        Map.of("Authorization", "Bearer " + good, "passcode", bad),
                        Map.of("authorization", List.of("Bearer " + bad)),
                        Map.of("access_token", List.of(bad)),
                        Optional.empty()))
                .name())
        .isEqualTo("alice");
    assertThatThrownBy(
            () ->
                authenticator.authenticate(
                    new AuthenticationRequest(
                        Map.of("passcode", bad),
                        Map.of("authorization", List.of("Bearer " + good)),
                        Map.of(),
                        Optional.empty())))
        .isInstanceOf(AuthenticationException.class);
  }

  private ChatPrincipal authenticate(String token) {
    return authenticator.authenticate(
        new AuthenticationRequest(
            Map.of("Authorization", "Bearer " + token), Map.of(), Map.of(), Optional.empty()));
  }

  private static JWTCreator.Builder claims(String kid) {
    JWTCreator.Builder b =
        JWT.create()
            .withSubject("alice")
            .withIssuer(ISSUER)
            .withAudience(AUDIENCE)
            .withExpiresAt(Instant.now().plusSeconds(300));
    return kid == null ? b : b.withKeyId(kid);
  }

  private static String rs256(String kid, KeyPair keys, Consumer<JWTCreator.Builder> change) {
    JWTCreator.Builder b = claims(kid);
    change.accept(b);
    return b.sign(
        Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
  }

  private static String es256(String kid, KeyPair keys, Consumer<JWTCreator.Builder> change) {
    JWTCreator.Builder b = claims(kid);
    change.accept(b);
    return b.sign(
        Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), (ECPrivateKey) keys.getPrivate()));
  }

  private static Map<String, Object> rsaJwk(String kid, KeyPair keys) {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("kid", kid);
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("n", base64Url(key.getModulus(), 0));
    jwk.put("e", base64Url(key.getPublicExponent(), 0));
    return jwk;
  }

  private static Map<String, Object> ecJwk(String kid, KeyPair keys) {
    ECPublicKey key = (ECPublicKey) keys.getPublic();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "EC");
    jwk.put("kid", kid);
    jwk.put("use", "sig");
    jwk.put("alg", "ES256");
    jwk.put("crv", "P-256");
    jwk.put("x", base64Url(key.getW().getAffineX(), 32));
    jwk.put("y", base64Url(key.getW().getAffineY(), 32));
    return jwk;
  }

  private static String jwks(Map<String, Object> rsa, Map<String, Object> ec) {
    try {
      return new ObjectMapper().writeValueAsString(Map.of("keys", List.of(rsa, ec)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unsigned big-endian bytes, left-padded to {@code length} when it is not 0 (RFC 7518). */
  private static String base64Url(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (length > bytes.length) {
      byte[] padded = new byte[length];
      System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
      bytes = padded;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static KeyPair generate(String algorithm, String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve == null) {
        generator.initialize(2048);
      } else {
        generator.initialize(new ECGenParameterSpec(curve));
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpServer serve() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext(
          "/jwks.json",
          exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      http.start();
      return http;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private URL url() {
    try {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json").toURL();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
