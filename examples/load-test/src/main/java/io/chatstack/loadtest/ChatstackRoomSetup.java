package io.chatstack.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Chatstack: rooms over the REST API (DESIGN.md §6); participants over REST too, or, given the room
 * database's JDBC URL, inserted into {@code chat_room_participants} directly. The shortcut exists
 * because each REST join is a durable JOIN record plus an answer that reads the room's member list
 * (up to 1,000 names), so 10,000 joins into one room take far longer than a batch insert (the room
 * event a join publishes no longer carries the member list: docs/benchmarks.md). Inserted rows
 * count at once: the server confirms a membership check its room cache refuses with a fresh read
 * ({@code ChatService.checkRoom}). Thread-safe.
 */
final class ChatstackRoomSetup implements RoomSetup {
  private static final int CONCURRENT_JOINS = 16;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String jdbcUrl;

  ChatstackRoomSetup(String baseUrl, String jdbcUrl) {
    this.baseUrl = baseUrl;
    this.jdbcUrl = jdbcUrl;
  }

  @Override
  public long createRoom(String name, String creator) {
    try {
      HttpResponse<String> response =
          http.send(
              post("/api/rooms", Map.of("roomName", name, "creator", creator)),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "POST /api/rooms: " + response.statusCode() + " " + response.body());
      }
      return json.readTree(response.body()).get("id").asLong();
    } catch (IOException e) {
      throw new IllegalStateException("POST /api/rooms failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean errorQueue() {
    return true;
  }

  @Override
  public void join(long roomId, List<String> usernames) {
    if (!jdbcUrl.isEmpty()) {
      insertParticipants(roomId, usernames);
      return;
    }
    Semaphore permits = new Semaphore(CONCURRENT_JOINS);
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (String user : usernames) {
      permits.acquireUninterruptibly();
      calls.add(
          http.sendAsync(
                  post("/api/rooms/" + roomId + "/participants", Map.of("username", user)),
                  HttpResponse.BodyHandlers.ofString())
              .whenComplete((r, e) -> permits.release())
              .thenAccept(
                  r -> {
                    if (r.statusCode() / 100 != 2 && r.statusCode() != 409) {
                      throw new IllegalStateException(
                          "join " + user + ": " + r.statusCode() + " " + r.body());
                    }
                  }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }

  private void insertParticipants(long roomId, List<String> usernames) {
    String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT IGNORE INTO chat_room_participants (room_id, username) VALUES (?, ?)")) {
      for (int i = 0; i < usernames.size(); i++) {
        insert.setLong(1, roomId);
        insert.setString(2, usernames.get(i));
        insert.addBatch();
        if (i % 1000 == 999 || i == usernames.size() - 1) {
          insert.executeBatch();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert participants: " + e, e);
    }
  }

  private HttpRequest post(String path, Map<String, String> body) {
    try {
      return HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
