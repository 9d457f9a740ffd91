package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST half of the security matrix (the STOMP half is StompSecurityMatrix): every /api/**
 * endpoint, on public, private and direct rooms, × every kind of credential, with the exact status
 * and code, and for every refusal the proof that nothing changed (rooms, participants, history,
 * read state). Subclasses say how each credential travels in their mode.
 */
abstract class RestSecurityMatrix {
  /** What the caller presents. */
  enum Credential {
    NONE,
    MALFORMED,
    EXPIRED,
    WRONGLY_SIGNED,
    /** Valid, of a user in none of the rooms. */
    NON_PARTICIPANT,
    /** Valid, of a participant of every room (public, private, direct), not their creator. */
    PARTICIPANT,
    /** Valid, of the non-participant, naming the participant in the body or path. */
    NAMING_ANOTHER
  }

  /** The rooms of one case: created fresh, with their own users, so cases are independent. */
  record Fixture(
      String owner, String member, String stranger, Room open, Room secret, Room direct) {
    long id(String kind) {
      return switch (kind) {
        case "public" -> open.id();
        case "private" -> secret.id();
        case "direct" -> direct.id();
        default -> throw new IllegalArgumentException(kind);
      };
    }
  }

  /**
   * One request: {@code {room}} in the path is the id of the case's room of {@code kind}, {@code
   * {self}} the caller's name, {@code {member}} the participant's, {@code {owner}} the creator's.
   */
  record Endpoint(String method, String path, String body, String kind) {
    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body) + " [" + kind + "]";
    }
  }

  record Expected(int status, String code) {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  private final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicInteger cases = new AtomicInteger();

  /** Headers carrying {@code credential} of {@code user}. */
  abstract Map<String, String> credentials(Credential credential, String user);

  /** Whether refusals of authentication carry {@code WWW-Authenticate: Bearer}. */
  abstract boolean bearer();

  static final List<Endpoint> ENDPOINTS = endpoints();

  private static List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    all.add(new Endpoint("GET", "/api/rooms", null, "public"));
    all.add(new Endpoint("POST", "/api/rooms", "{\"roomName\":\"new\"}", "public"));
    all.add(
        new Endpoint(
            "POST", "/api/rooms", "{\"roomName\":\"new\",\"visibility\":\"PRIVATE\"}", "private"));
    all.add(new Endpoint("POST", "/api/rooms/direct", "{\"username\":\"{owner}\"}", "direct"));
    all.add(new Endpoint("GET", "/api/rooms/user/{self}", null, "public"));
    for (String kind : List.of("public", "private", "direct")) {
      all.add(new Endpoint("GET", "/api/rooms/{room}", null, kind));
      all.add(new Endpoint("GET", "/api/rooms/{room}/participants?limit=10", null, kind));
      all.add(new Endpoint("POST", "/api/rooms/{room}/participants", "{}", kind));
      all.add(
          new Endpoint("POST", "/api/rooms/{room}/participants", "{\"username\":\"x_{n}\"}", kind));
      all.add(new Endpoint("DELETE", "/api/rooms/{room}/participants/{self}", null, kind));
      all.add(new Endpoint("DELETE", "/api/rooms/{room}/participants/{owner}", null, kind));
      all.add(new Endpoint("GET", "/api/messages/{room}", null, kind));
      all.add(new Endpoint("GET", "/api/messages/{room}/recent?limit=5", null, kind));
      all.add(new Endpoint("GET", "/api/rooms/{room}/presence", null, kind));
      all.add(new Endpoint("PUT", "/api/rooms/{room}/read", "{\"seq\":1000000}", kind));
      all.add(
          new Endpoint(
              "PUT", "/api/rooms/{room}/read", "{\"seq\":1000000,\"username\":\"{self}\"}", kind));
    }
    return all;
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
    return Stream.of(Credential.values())
        .flatMap(
            c ->
                ENDPOINTS.stream()
                    .filter(e -> c != Credential.NAMING_ANOTHER || namesSomeone(e))
                    .map(e -> org.junit.jupiter.params.provider.Arguments.of(c, e)));
  }

  /** Endpoints where a caller can name another user than themselves. */
  private static boolean namesSomeone(Endpoint e) {
    return e.path().contains("{self}")
        || e.body() != null && e.body().contains("{self}")
        || "POST".equals(e.method()) && e.path().equals("/api/rooms");
  }

  /** The answer each case must get. */
  static Expected expected(Credential credential, Endpoint e) {
    switch (credential) {
      case NONE, MALFORMED, EXPIRED, WRONGLY_SIGNED:
        return new Expected(401, "unauthenticated");
      case NAMING_ANOTHER:
        if (e.path().equals("/api/rooms")) {
          return new Expected(403, "identity-mismatch");
        }
        if (e.path().startsWith("/api/rooms/user/")) {
          return new Expected(403, "forbidden");
        }
        if (e.path().endsWith("/read")) {
          // PUT .../read naming the participant in the body: refused before any room check
          return new Expected(403, "identity-mismatch");
        }
        // DELETE .../participants/{member} by a stranger: removal of someone else
        return e.kind().equals("public")
            ? new Expected(403, "forbidden")
            : new Expected(404, "room-not-found");
      default:
        break;
    }
    boolean member = credential == Credential.PARTICIPANT;
    String path = e.path();
    if (path.equals("/api/rooms") || path.startsWith("/api/rooms/user/")) {
      return e.method().equals("POST") ? new Expected(201, null) : new Expected(200, null);
    }
    if (path.equals("/api/rooms/direct")) {
      return new Expected(member ? 200 : 201, null);
    }
    if (!member && !e.kind().equals("public")) {
      return new Expected(404, "room-not-found");
    }
    boolean invite = e.body() != null && e.body().contains("username");
    boolean selfLeave = e.method().equals("DELETE") && path.endsWith("{self}");
    boolean removal = e.method().equals("DELETE") && path.endsWith("{owner}");
    if (path.startsWith("/api/messages/") || path.endsWith("/presence") || path.endsWith("/read")) {
      return member ? new Expected(200, null) : new Expected(403, "not-participant");
    }
    if (invite) {
      // Invitations: participants of private rooms only.
      return member && e.kind().equals("private")
          ? new Expected(200, null)
          : new Expected(403, "forbidden");
    }
    if (e.method().equals("POST")) {
      // Joining yourself: public rooms; a participant "joins" again idempotently anywhere.
      return member || e.kind().equals("public")
          ? new Expected(200, null)
          : new Expected(403, "forbidden");
    }
    if (selfLeave) {
      return member && e.kind().equals("direct")
          ? new Expected(403, "forbidden")
          : new Expected(200, null);
    }
    if (removal) {
      return new Expected(403, "forbidden");
    }
    return new Expected(200, null);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyEndpointWithEveryCredential(Credential credential, Endpoint endpoint) throws Exception {
    Fixture f = fixture();
    String caller = credential == Credential.PARTICIPANT ? f.member() : f.stranger();
    String self = credential == Credential.NAMING_ANOTHER ? f.member() : caller;
    String path =
        endpoint
            .path()
            .replace("{room}", Long.toString(f.id(endpoint.kind())))
            .replace("{self}", self)
            .replace("{owner}", f.owner());
    String body =
        endpoint.body() == null
            ? null
            : endpoint
                .body()
                .replace("{owner}", f.owner())
                .replace("{self}", self)
                .replace("{n}", Integer.toString(cases.get()));
    if (credential == Credential.NAMING_ANOTHER && path.equals("/api/rooms")) {
      body = body.replace("{", "{\"creator\":\"" + f.member() + "\",");
    }
    Object before = state(f);

    HttpResponse<String> response =
        call(endpoint.method(), path, body, credentials(credential, caller));

    Expected expected = expected(credential, endpoint);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected.status());
    if (expected.code() != null) {
      JsonNode problem = ChatJson.mapper().readTree(response.body());
      assertThat(problem.path("code").asText()).isEqualTo(expected.code());
      assertThat(problem.path("status").asInt()).isEqualTo(expected.status());
      assertThat(state(f)).as("nothing changed").isEqualTo(before);
    }
    if (expected.status() == 401) {
      if (bearer()) {
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
      } else {
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
      }
    }
    if (response.statusCode() == 200 && endpoint.path().equals("/api/rooms")) {
      JsonNode list = ChatJson.mapper().readTree(response.body());
      Set<Long> ids = new java.util.HashSet<>();
      list.forEach(r -> ids.add(r.get("id").asLong()));
      assertThat(ids).contains(f.open().id());
      assertThat(ids.contains(f.secret().id())).isEqualTo(credential == Credential.PARTICIPANT);
      assertThat(ids.contains(f.direct().id())).isEqualTo(credential == Credential.PARTICIPANT);
      assertThat(list.get(0).has("participants")).isFalse();
      assertThat(list.get(0).has("participantCount")).isTrue();
    }
    if (response.statusCode() == 200 && endpoint.path().startsWith("/api/rooms/user/")) {
      // The caller's rooms, each with their read state: the owner's "hello" came after the
      // participant's JOIN (which counts as read).
      JsonNode list = ChatJson.mapper().readTree(response.body());
      Set<Long> ids = new java.util.HashSet<>();
      list.forEach(
          r -> {
            ids.add(r.get("id").asLong());
            assertThat(r.has("participantCount")).isTrue();
            assertThat(r.path("unreadCount").asLong()).as(r.toString()).isEqualTo(1);
            assertThat(r.path("lastReadSeq").isIntegralNumber()).as(r.toString()).isTrue();
          });
      assertThat(ids)
          .isEqualTo(
              credential == Credential.PARTICIPANT
                  ? Set.of(f.open().id(), f.secret().id(), f.direct().id())
                  : Set.of());
    }
    if (response.statusCode() == 200 && endpoint.path().endsWith("/read")) {
      JsonNode state = ChatJson.mapper().readTree(response.body());
      long roomId = f.id(endpoint.kind());
      assertThat(state.path("roomId").asLong()).isEqualTo(roomId);
      assertThat(state.path("unreadCount").asLong()).isZero();
      assertThat(chat.readStates().state(roomId, caller).lastReadSeq())
          .isEqualTo(state.path("lastReadSeq").asLong());
    }
    if (response.statusCode() == 200 && endpoint.path().endsWith("/presence")) {
      JsonNode presence = ChatJson.mapper().readTree(response.body());
      assertThat(presence.path("roomId").asLong()).isEqualTo(f.id(endpoint.kind()));
      assertThat(presence.path("online").isArray()).isTrue();
      assertThat(presence.path("count").asInt()).isEqualTo(presence.path("online").size());
    }
  }

  private Fixture fixture() {
    int n = cases.incrementAndGet();
    String owner = "owner_" + n;
    String member = "member_" + n;
    String stranger = "stranger_" + n;
    Room open = chat.createRoom("open-" + n, owner, RoomVisibility.PUBLIC);
    Room secret = chat.createRoom("secret-" + n, owner, RoomVisibility.PRIVATE);
    chat.join(open.id(), member);
    chat.join(secret.id(), member, owner);
    Room direct = chat.directRoom(member, owner).room();
    for (Room room : List.of(open, secret, direct)) {
      chat.send(room.id(), owner, "hello").join();
    }
    return new Fixture(owner, member, stranger, open, secret, direct);
  }

  /** Rooms (with counts), members and history sizes of the case's rooms and users. */
  private Object state(Fixture f) {
    List<Object> state = new ArrayList<>();
    for (RoomSummary room : chat.rooms()) {
      if (room.createdBy().equals(f.owner())
          || room.createdBy().equals(f.member())
          || room.createdBy().equals(f.stranger())) {
        state.add(room);
      }
    }
    for (Room room : List.of(f.open(), f.secret(), f.direct())) {
      state.add(chat.room(room.id()).participants());
      state.add(chat.history(room.id(), HistoryQuery.latest(1000)).messages().size());
    }
    state.add(chat.readStates().states(f.member()));
    state.add(chat.readStates().states(f.stranger()));
    return state;
  }

  private HttpResponse<String> call(
      String method, String path, String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
