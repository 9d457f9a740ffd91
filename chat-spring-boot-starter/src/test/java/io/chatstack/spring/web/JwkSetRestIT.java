package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code chatstack.security.jwt.jwk-set-uri}: REST accepts RS256 tokens whose {@code kid} names a
 * key of the JSON Web Key Set (served here by the JDK's HTTP server, as an identity provider would)
 * and refuses tokens of other keys, unknown key ids and HMAC tokens.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "chatstack.security.authentication=jwt")
class JwkSetRestIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private static final KeyPair KEYS = rsa();
  private static final HttpServer JWKS = jwks();

  @DynamicPropertySource
  static void jwkSetUri(DynamicPropertyRegistry registry) {
    registry.add(
        "chatstack.security.jwt.jwk-set-uri",
        () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
  }

  @AfterAll
  static void stopJwks() {
    JWKS.stop(0);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private int status(String token) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String rs256(String kid, KeyPair keys) {
    return JWT.create()
        .withKeyId(kid)
        .withSubject("alice")
        .withExpiresAt(Instant.now().plusSeconds(300))
        .sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
  }

  @Test
  void tokensSignedWithAKeyOfTheSetAreAcceptedAndOthersRefused() throws Exception {
    assertThat(status(rs256("k1", KEYS))).isEqualTo(200);
    assertThat(status(rs256("k1", rsa()))).isEqualTo(401);
    assertThat(status(rs256("unknown", KEYS))).isEqualTo(401);
    assertThat(status(TestTokens.valid("alice"))).isEqualTo(401);
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer jwks() {
    RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
    String json =
        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
            + base64Url(key.getModulus())
            + "\",\"e\":\""
            + base64Url(key.getPublicExponent())
            + "\"}]}";
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/jwks.json",
          exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
