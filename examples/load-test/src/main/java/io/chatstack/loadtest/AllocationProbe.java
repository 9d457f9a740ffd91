package io.chatstack.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Heap bytes a server has allocated, read from its Spring Boot actuator: Micrometer's {@code
 * jvm.gc.memory.allocated} (young-generation allocation, counted at each GC) plus what the eden
 * space holds now (allocated since the last GC; G1 empties eden at every GC). Humongous objects,
 * allocated straight into the old generation, are not counted. Servers without the actuator's
 * metrics endpoint (the baselines) answer empty. Thread-safe (stateless but for the HTTP client).
 */
final class AllocationProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EDEN = "G1 Eden Space";

  private final HttpClient http;
  private final String baseUrl;

  AllocationProbe(HttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /** Bytes allocated since the server started; empty when the server does not say. */
  OptionalLong allocatedBytes() {
    try {
      // Eden before and after the counter: a GC in between (eden shrank) would count it twice.
      for (int attempt = 0; attempt < 5; attempt++) {
        double eden = metric("jvm.memory.used?tag=" + encode("id:" + EDEN));
        double counted = metric("jvm.gc.memory.allocated");
        double edenAfter = metric("jvm.memory.used?tag=" + encode("id:" + EDEN));
        if (eden < 0 || counted < 0 || edenAfter < 0) {
          return OptionalLong.empty();
        }
        if (edenAfter >= eden) {
          return OptionalLong.of((long) (counted + eden));
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** Bytes per {@code count} between two readings, formatted ("n/a" when either is missing). */
  static String perCount(OptionalLong start, OptionalLong end, long count) {
    if (start.isEmpty() || end.isEmpty() || count <= 0) {
      return "n/a";
    }
    double bytes = (double) (end.getAsLong() - start.getAsLong()) / count;
    return bytes >= 10_240
        ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024)
        : String.format(Locale.ROOT, "%,.0f B", bytes);
  }

  /** The first measurement's value, or -1 when the metric is not there. */
  private double metric(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/" + pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return -1;
    }
    return value(response.body());
  }

  /** The first measurement's value of an actuator metric document, or -1 without one. */
  static double value(String json) throws IOException {
    JsonNode measurements = JSON.readTree(json).path("measurements");
    if (!measurements.isArray() || measurements.isEmpty()) {
      return -1;
    }
    return measurements.get(0).path("value").asDouble(-1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
