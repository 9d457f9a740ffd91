package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import io.chatstack.json.ChatJson;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With an authenticated principal (set here by a servlet filter from an {@code X-Test-User} header,
 * as Spring Security would; the default mode principal), the principal acts and spoofed user names
 * are refused.
 */
// Closed right after the class: its backends (in-process Kafka, ...) must not stop only at JVM
// exit.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticatedRestIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    FilterRegistrationBean<Filter> testAuthentication() {
      return TestPrincipalFilter.registration();
    }
  }

  @LocalServerPort int port;
  @Autowired ChatService chat;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String user, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("X-Test-User", user)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePrincipalActsAndSpoofedNamesAreRefused() throws Exception {
    int before = chat.rooms().size();
    HttpResponse<String> spoofed =
        post("/api/rooms", "alice", "{\"roomName\":\"x\",\"creator\":\"mallory\"}");
    assertThat(spoofed.statusCode()).isEqualTo(403);
    assertThat(ChatJson.mapper().readTree(spoofed.body()).get("code").asText())
        .isEqualTo("identity-mismatch");
    assertThat(chat.rooms()).hasSize(before);

    HttpResponse<String> created = post("/api/rooms", "alice", "{\"roomName\":\"x\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    long id = ChatJson.mapper().readTree(created.body()).get("id").asLong();
    assertThat(chat.room(id).createdBy()).isEqualTo("alice");

    // Adding someone else to a public room is an invitation, which public rooms do not take.
    HttpResponse<String> invitation =
        post("/api/rooms/" + id + "/participants", "bob", "{\"username\":\"carol\"}");
    assertThat(invitation.statusCode()).isEqualTo(403);
    assertThat(ChatJson.mapper().readTree(invitation.body()).get("code").asText())
        .isEqualTo("forbidden");
    assertThat(post("/api/rooms/" + id + "/participants", "bob", "{}").statusCode()).isEqualTo(200);
    assertThat(chat.room(id).participants()).containsExactly("alice", "bob");
  }
}
