package io.chatstack.loadtest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.mongo.MongoMessageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * History page latency: seeds one room with many messages directly into the MongoDB store the
 * server reads, then times {@code GET /api/messages/{roomId}?beforeSeq=..&limit=50} one request at
 * a time (closed loop: this is a latency probe, not a load). Not thread-safe.
 */
final class HistoryBench {
  private HistoryBench() {}

  /**
   * Stores {@code count} messages of {@code roomId} with seq 1..count; returns the seconds taken.
   */
  static double seed(String mongoUri, String database, long roomId, int count, int batch) {
    long t0 = System.nanoTime();
    try (MongoClient client = MongoClients.create(mongoUri)) {
      MongoMessageStore store = new MongoMessageStore(client.getDatabase(database));
      Instant now = Instant.now();
      for (int from = 1; from <= count; from += batch) {
        List<ChatMessage> page = new ArrayList<>(batch);
        for (int seq = from; seq < from + batch && seq <= count; seq++) {
          String id = UUID.randomUUID().toString();
          page.add(
              new ChatMessage(
                  id, roomId, seq, "seeder", "history message " + seq, MessageType.CHAT, now, id));
        }
        store.storeAll(page);
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Times up to {@code requests} page requests with random {@code beforeSeq} (or, when {@code
   * latest}, without one: the newest page, what opening a room asks), stopping after {@code
   * budget}; returns the histogram in microseconds. The first request of a latest run is timed
   * apart ({@link #first}): it is the one that may load the server's tail of the room.
   */
  static Histogram measure(
      String baseUrl, long roomId, int count, int requests, Duration budget, boolean latest)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Histogram histogram = new Histogram(3);
    long deadline = System.nanoTime() + budget.toNanos();
    for (int i = 0; i < requests + 5 && System.nanoTime() - deadline < 0; i++) {
      String query =
          latest
              ? "?limit=50"
              : "?beforeSeq=" + ThreadLocalRandom.current().nextLong(51, count + 1L) + "&limit=50";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/messages/" + roomId + query)).build();
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - t0) / 1000;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "history: " + response.statusCode() + " " + response.body());
      }
      if (i == 0) {
        first = micros;
      }
      if (i >= 5) { // the first requests warm up the code path
        histogram.recordValue(micros);
      }
    }
    return histogram;
  }

  /** Microseconds of the first request of the last {@link #measure} run. */
  static long first;
}
