package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.RoomRepository;
import io.chatstack.json.ChatJson;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Limits and errors of the REST API in jwt mode: body size (also chunked), rate limit, 401 headers,
 * strict JSON, problem JSON without internals for every error, one direct room under concurrency.
 * The host has turned on Spring Boot's own problem details ({@code
 * spring.mvc.problemdetails.enabled}), whose advice must not take chatstack's errors (and their
 * {@code code}) over.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=jwt",
      "chatstack.security.jwt.secret=" + TestTokens.SECRET,
      "chatstack.rest.requests-per-second=5",
      "spring.mvc.problemdetails.enabled=true"
    })
class RestHardeningIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    RoomRepository failingRooms() {
      return new FailingRoomRepository();
    }
  }

  @LocalServerPort int port;
  @Autowired ChatService chat;
  private final HttpClient http = HttpClient.newHttpClient();
  private final java.util.concurrent.atomic.AtomicInteger users =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A user of their own, so that the rate limit stays out of tests of other things. */
  private String fresh() {
    return "user" + users.incrementAndGet();
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      b.header("Authorization", "Bearer " + TestTokens.valid(user));
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String user, String json) throws Exception {
    return send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static JsonNode assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("json"));
    JsonNode body = ChatJson.mapper().readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("detail").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception", "at io.", "SQL", "SELECT", "password");
    return body;
  }

  @Test
  void bodiesOverTheLimitAre413AlsoWhenChunked() throws Exception {
    String big = "{\"roomName\":\"" + "x".repeat(70 * 1024) + "\"}";
    int before = chat.rooms().size();
    assertProblem(post("/api/rooms", "big", big), 413, "payload-too-large");
    byte[] bytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> chunked =
        send(
            request("/api/rooms", "big")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes))));
    assertProblem(chunked, 413, "payload-too-large");
    assertThat(chat.rooms()).hasSize(before);
    // Just under the limit passes the filter (and is then judged by the room-name rule).
    assertProblem(
        post("/api/rooms", "big", "{\"roomName\":\"" + "x".repeat(60 * 1024) + "\"}"),
        400,
        "invalid-room-name");
  }

  @Test
  void mutatingCallsAreRateLimitedPerUserWithRetryAfter() throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(post("/api/rooms", "hasty", "{\"roomName\":\"r" + i + "\"}"));
    }
    HttpResponse<String> limited =
        answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertProblem(limited, 429, "rate-limited");
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 2L));
    assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isBetween(5L, 7L);
    // Another user has a bucket of their own; reads are not limited.
    assertThat(post("/api/rooms", "patient", "{\"roomName\":\"p\"}").statusCode()).isEqualTo(201);
    assertThat(send(request("/api/rooms", "hasty")).statusCode()).isEqualTo(200);
  }

  @Test
  void unauthenticatedCallsGetBearerChallenges() throws Exception {
    HttpResponse<String> none = send(request("/api/rooms", null));
    assertProblem(none, 401, "unauthenticated");
    assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    HttpResponse<String> bad =
        send(request("/api/rooms", null).header("Authorization", "Bearer " + "e30.e30.x"));
    assertProblem(bad, 401, "unauthenticated");
    assertThat(bad.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer error=\"invalid_token\"");
    // No tokens in URLs: the query parameter STOMP accepts is not looked at.
    assertProblem(
        send(request("/api/rooms?access_token=" + TestTokens.valid("alice"), null)),
        401,
        "unauthenticated");
  }

  @Test
  void bodiesAreParsedStrictly() throws Exception {
    int before = chat.rooms().size();
    assertProblem(post("/api/rooms", fresh(), "{\"roomName\":42}"), 400, "invalid-json");
    assertProblem(post("/api/rooms", fresh(), "{\"roomName\":true}"), 400, "invalid-json");
    assertProblem(
        post("/api/rooms", fresh(), "{\"roomName\":\"a\",\"roomName\":\"b\"}"),
        400,
        "invalid-json");
    assertProblem(post("/api/rooms", fresh(), "{\"roomName\":\"a\"} {}"), 400, "invalid-json");
    assertProblem(post("/api/rooms", fresh(), "[\"a\"]"), 400, "invalid-json");
    assertProblem(
        post("/api/rooms", fresh(), "{\"roomName\":\"a\",\"visibility\":\"DIRECT\"}"),
        400,
        "invalid-visibility");
    assertProblem(
        post("/api/rooms", fresh(), "{\"roomName\":\"a\",\"visibility\":\"secret\"}"),
        400,
        "invalid-visibility");
    assertProblem(post("/api/rooms/direct", fresh(), "{\"username\":7}"), 400, "invalid-json");
    assertThat(chat.rooms()).hasSize(before);
    // Unknown keys are ignored (seed clients send extra fields).
    assertThat(post("/api/rooms", "lenient", "{\"roomName\":\"a\",\"color\":1}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void everyErrorIsProblemJsonWithoutInternals() throws Exception {
    assertProblem(send(request("/api/nothing-here", "e")), 404, "not-found");
    assertProblem(
        send(request("/api/rooms", "e").PUT(HttpRequest.BodyPublishers.ofString("{}"))),
        405,
        "method-not-allowed");
    assertProblem(
        send(
            request("/api/rooms", "e")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"roomName\":\"a\"}"))),
        415,
        "unsupported-media-type");
    assertProblem(send(request("/api/rooms/abc", "e")), 400, "invalid-parameter");
    assertProblem(
        send(request("/api/rooms/1/participants?limit=x", "e")), 400, "invalid-parameter");
    assertProblem(send(request("/api/rooms/user/outage", "outage")), 503, "unavailable");
    assertProblem(send(request("/api/rooms/user/bug", "bug")), 500, "internal-error");
  }

  @Test
  void concurrentDirectRoomRequestsOpenOneRoom() throws Exception {
    for (int round = 0; round < 5; round++) {
      String a = "ann" + round;
      String b = "ben" + round;
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<HttpResponse<String>> ab =
          CompletableFuture.supplyAsync(() -> direct(start, a, b));
      CompletableFuture<HttpResponse<String>> ba =
          CompletableFuture.supplyAsync(() -> direct(start, b, a));
      List<HttpResponse<String>> both = List.of(ab.join(), ba.join());
      assertThat(both).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 201);
      JsonNode first = ChatJson.mapper().readTree(both.get(0).body());
      JsonNode second = ChatJson.mapper().readTree(both.get(1).body());
      assertThat(first.get("id").asLong()).isEqualTo(second.get("id").asLong());
      assertThat(first.get("visibility").asText()).isEqualTo("DIRECT");
      assertThat(first.get("participants").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\"]");
      assertThat(first.get("participantCount").asInt()).isEqualTo(2);
    }
  }

  private HttpResponse<String> direct(CyclicBarrier start, String user, String other) {
    try {
      start.await();
      return post("/api/rooms/direct", user, "{\"username\":\"" + other + "\"}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
