package io.chatstack.spring.web;

import io.chatstack.json.ChatJson;
import io.chatstack.spring.web.internal.ChatApiFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** REST calls of a dev-mode test: the caller named in {@code X-Chat-User}, or nobody. */
final class DevRestCalls {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  DevRestCalls(int port) {
    this.port = port;
  }

  /** {@code method path} with a JSON body (or none) as {@code user} (null: no header). */
  HttpResponse<String> call(String method, String path, String user, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (user != null) {
      b.header(ChatApiFilter.DEV_USER_HEADER, user);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The problem JSON's {@code code}. */
  static String code(HttpResponse<String> response) throws Exception {
    return ChatJson.mapper().readTree(response.body()).path("code").asText();
  }
}
