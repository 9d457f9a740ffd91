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
 * and code, and for every refusal the proof that nothing changed (rooms, participants, history in
 * its current state, the log with its change records, read state). Subclasses say how each
 * credential travels in their mode, and how an admin (chatstack.admin.authority) is recognized.
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

  /**
   * The rooms of one case: created fresh, with their own users, so cases are independent. In each
   * room the participant wrote one message ({@code mine}), then the owner one ({@code hello}).
   */
  record Fixture(
      String owner,
      String member,
      String stranger,
      Room open,
      Room secret,
      Room direct,
      Map<Long, String> mine,
      Map<Long, String> hello) {
    long id(String kind) {
      return switch (kind) {
        case "public" -> open.id();
        case "private" -> secret.id();
        case "direct" -> direct.id();
        default -> throw new IllegalArgumentException(kind);
      };
    }
  }

  /** A reaction, URL-encoded in the path: thumbs up. */
  static final String EMOJI = "\uD83D\uDC4D";

  private static final String EMOJI_PATH =
      java.net.URLEncoder.encode(EMOJI, java.nio.charset.StandardCharsets.UTF_8);

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

  /** Headers of {@code user} holding the authority chatstack.admin.authority (default). */
  abstract Map<String, String> adminCredentials(String user);

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
      // Message lifecycle: {mine} is the participant's message, {hello} the owner's.
      all.add(new Endpoint("PATCH", "/api/messages/{room}/{mine}", "{\"content\":\"new\"}", kind));
      all.add(
          new Endpoint(
              "PATCH",
              "/api/messages/{room}/{mine}",
              "{\"content\":\"new\",\"username\":\"{self}\"}",
              kind));
      all.add(new Endpoint("PATCH", "/api/messages/{room}/{hello}", "{\"content\":\"new\"}", kind));
      all.add(
          new Endpoint("PATCH", "/api/messages/{room}/{missing}", "{\"content\":\"new\"}", kind));
      all.add(new Endpoint("DELETE", "/api/messages/{room}/{mine}", null, kind));
      all.add(new Endpoint("DELETE", "/api/messages/{room}/{mine}?username={self}", null, kind));
      all.add(new Endpoint("DELETE", "/api/messages/{room}/{hello}", null, kind));
      all.add(new Endpoint("PUT", "/api/messages/{room}/{hello}/reactions/{emoji}", null, kind));
      all.add(
          new Endpoint(
              "PUT", "/api/messages/{room}/{hello}/reactions/{emoji}?username={self}", null, kind));
      all.add(new Endpoint("DELETE", "/api/messages/{room}/{hello}/reactions/{emoji}", null, kind));
    }
    // Erasure needs chatstack.admin.authority, which no credential of the matrix has.
    all.add(new Endpoint("DELETE", "/api/admin/users/{owner}/messages", null, "public"));
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
        if (e.path().endsWith("/read") || isChange(e)) {
          // Naming the participant in the body or ?username=: refused before any room check
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
    if (path.startsWith("/api/admin/")) {
      return new Expected(403, "forbidden");
    }
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
    if (isChange(e)) {
      if (!member) {
        return new Expected(403, "not-participant");
      }
      if (path.contains("{missing}")) {
        return new Expected(404, "message-not-found");
      }
      // Reactions on anyone's message; edits and deletes of one's own only.
      return path.contains("/reactions/") || path.contains("{mine}")
          ? new Expected(200, null)
          : new Expected(403, "not-message-sender");
    }
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

  /** Edits, deletes and reactions: the paths naming a message. */
  private static boolean isChange(Endpoint e) {
    return e.path().contains("{mine}")
        || e.path().contains("{hello}")
        || e.path().contains("{missing}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyEndpointWithEveryCredential(Credential credential, Endpoint endpoint) throws Exception {
    Fixture f = fixture();
    String caller = credential == Credential.PARTICIPANT ? f.member() : f.stranger();
    String self = credential == Credential.NAMING_ANOTHER ? f.member() : caller;
    long roomId = f.id(endpoint.kind());
    String path =
        endpoint
            .path()
            .replace("{room}", Long.toString(roomId))
            .replace("{self}", self)
            .replace("{owner}", f.owner())
            .replace("{mine}", f.mine().get(roomId))
            .replace("{hello}", f.hello().get(roomId))
            .replace("{missing}", java.util.UUID.randomUUID().toString())
            .replace("{emoji}", EMOJI_PATH);
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
      assertThat(state.path("roomId").asLong()).isEqualTo(roomId);
      assertThat(state.path("unreadCount").asLong()).isZero();
      assertThat(chat.readStates().state(roomId, caller).lastReadSeq())
          .isEqualTo(state.path("lastReadSeq").asLong());
    }
    if (response.statusCode() == 200 && isChange(endpoint)) {
      assertChangeApplied(f, endpoint, caller, ChatJson.mapper().readTree(response.body()));
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
    Map<Long, String> mine = new java.util.HashMap<>();
    Map<Long, String> hello = new java.util.HashMap<>();
    for (Room room : List.of(open, secret, direct)) {
      mine.put(room.id(), chat.send(room.id(), member, "mine").join().id());
      hello.put(room.id(), chat.send(room.id(), owner, "hello").join().id());
    }
    return new Fixture(owner, member, stranger, open, secret, direct, mine, hello);
  }

  /** The change record answered, and history showing the message in its new state. */
  private void assertChangeApplied(Fixture f, Endpoint e, String caller, JsonNode record) {
    long roomId = f.id(e.kind());
    String target = e.path().contains("{mine}") ? f.mine().get(roomId) : f.hello().get(roomId);
    String type =
        e.path().contains("/reactions/")
            ? "REACTION"
            : e.method().equals("PATCH") ? "EDIT" : "DELETE";
    assertThat(record.path("type").asText()).isEqualTo(type);
    assertThat(record.path("targetId").asText()).isEqualTo(target);
    assertThat(record.path("sender").asText()).isEqualTo(caller);
    assertThat(record.path("roomId").asLong()).isEqualTo(roomId);
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () -> {
              io.chatstack.core.ChatMessage now =
                  chat.history(roomId, HistoryQuery.latest(1000)).messages().stream()
                      .filter(m -> m.id().equals(target))
                      .findFirst()
                      .orElseThrow();
              switch (type) {
                case "EDIT" -> {
                  assertThat(now.content()).isEqualTo("new");
                  assertThat(now.editedAt()).isPresent();
                }
                case "DELETE" -> {
                  assertThat(now.deleted()).isTrue();
                  assertThat(now.content()).isEmpty();
                }
                default -> {
                  boolean added = e.method().equals("PUT");
                  assertThat(now.reactions().containsKey(EMOJI)).isEqualTo(added);
                  if (added) {
                    assertThat(now.reactions().get(EMOJI).users()).containsExactly(caller);
                  }
                }
              }
            });
  }

  @org.junit.jupiter.api.Test
  void anAdminErasesAUsersMessagesAndOthersAreRefused() throws Exception {
    Fixture f = fixture();
    String path = "/api/admin/users/" + f.owner() + "/messages";
    Object before = state(f);
    for (Map<String, String> notAdmin :
        List.of(
            credentials(Credential.PARTICIPANT, f.member()),
            credentials(Credential.PARTICIPANT, f.owner()))) {
      HttpResponse<String> refused = call("DELETE", path, null, notAdmin);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(ChatJson.mapper().readTree(refused.body()).path("code").asText())
          .isEqualTo("forbidden");
    }
    assertThat(state(f)).as("nothing changed").isEqualTo(before);

    Map<String, String> admin = adminCredentials("admin_" + cases.get());
    HttpResponse<String> invalid = call("DELETE", "/api/admin/users/a%20b/messages", null, admin);
    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
    assertThat(ChatJson.mapper().readTree(invalid.body()).path("code").asText())
        .isEqualTo("invalid-username");

    HttpResponse<String> erased = call("DELETE", path, null, admin);
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(ChatJson.mapper().readTree(erased.body()))
        .isEqualTo(ChatJson.mapper().readTree("{\"username\":\"" + f.owner() + "\",\"erased\":3}"));
    for (Room room : List.of(f.open(), f.secret(), f.direct())) {
      org.awaitility.Awaitility.await()
          .untilAsserted(
              () -> {
                List<io.chatstack.core.ChatMessage> history =
                    chat.history(room.id(), HistoryQuery.latest(1000)).messages();
                assertThat(history)
                    .filteredOn(m -> m.id().equals(f.hello().get(room.id())))
                    .singleElement()
                    .satisfies(
                        m -> {
                          assertThat(m.deleted()).isTrue();
                          assertThat(m.content()).isEmpty();
                        });
                assertThat(history)
                    .filteredOn(m -> m.id().equals(f.mine().get(room.id())))
                    .singleElement()
                    .satisfies(m -> assertThat(m.content()).isEqualTo("mine"));
              });
    }
    HttpResponse<String> again = call("DELETE", path, null, admin);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(ChatJson.mapper().readTree(again.body()).path("erased").asLong()).isZero();
  }

  /** Who calls a moderation endpoint, by their standing in the room. */
  enum Standing {
    OWNER,
    MODERATOR,
    MEMBER,
    NON_PARTICIPANT,
    BANNED
  }

  /**
   * One moderation request: {@code {room}} is the room's id, {@code {target}} a plain member,
   * {@code {banned}} a banned user, {@code {muted}} a muted member, {@code {owner}} the owner.
   */
  record ModerationCall(String name, String method, String path, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<ModerationCall> MODERATION =
      List.of(
          new ModerationCall(
              "role", "PUT", "/api/rooms/{room}/roles/{target}", "{\"role\":\"MODERATOR\"}"),
          moderation("kick", "{target}"),
          moderation("ban", "{target}"),
          moderation("unban", "{banned}"),
          moderation("mute", "{target}"),
          moderation("unmute", "{muted}"),
          moderation("kick", "{owner}"),
          new ModerationCall("rename", "PATCH", "/api/rooms/{room}", "{\"roomName\":\"renamed\"}"),
          new ModerationCall("delete", "DELETE", "/api/rooms/{room}", null),
          new ModerationCall("restrictions", "GET", "/api/rooms/{room}/restrictions", null),
          new ModerationCall("remove", "DELETE", "/api/rooms/{room}/participants/{target}", null),
          new ModerationCall("join", "POST", "/api/rooms/{room}/participants", "{}"));

  private static ModerationCall moderation(String action, String user) {
    return new ModerationCall(
        action + " " + user,
        "POST",
        "/api/rooms/{room}/moderation",
        "{\"action\":\"" + action + "\",\"username\":\"" + user + "\"}");
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> moderationCases() {
    return Stream.of("public", "private")
        .flatMap(
            kind ->
                Stream.of(Standing.values())
                    .flatMap(
                        who ->
                            MODERATION.stream()
                                .map(
                                    call ->
                                        org.junit.jupiter.params.provider.Arguments.of(
                                            kind, who, call))));
  }

  /** The answer each moderation case must get. */
  static Expected expectedModeration(String kind, Standing who, ModerationCall call) {
    boolean outsider = who == Standing.NON_PARTICIPANT || who == Standing.BANNED;
    if (outsider && kind.equals("private")) {
      return new Expected(404, "room-not-found");
    }
    if (call.name().equals("join")) {
      if (who == Standing.BANNED) {
        return new Expected(403, "banned");
      }
      return new Expected(200, null);
    }
    if (call.name().equals("kick {owner}")) {
      return new Expected(403, "forbidden");
    }
    boolean ownerOnly = call.name().equals("role") || call.name().equals("delete");
    boolean allowed = who == Standing.OWNER || (who == Standing.MODERATOR && !ownerOnly);
    if (!allowed) {
      return new Expected(403, "forbidden");
    }
    return new Expected(call.name().equals("delete") ? 204 : 200, null);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("moderationCases")
  void everyModerationActionForEveryStanding(String kind, Standing who, ModerationCall call)
      throws Exception {
    int n = cases.incrementAndGet();
    String owner = "mowner_" + n;
    String mod = "mod_" + n;
    String target = "target_" + n;
    String muted = "muted_" + n;
    String banned = "banned_" + n;
    String stranger = "outsider_" + n;
    Room room =
        chat.createRoom(
            "moderated-" + n,
            owner,
            kind.equals("public") ? RoomVisibility.PUBLIC : RoomVisibility.PRIVATE);
    for (String user : List.of(mod, target, muted, banned)) {
      chat.join(room.id(), user, owner);
    }
    chat.moderation().setRole(room.id(), owner, mod, io.chatstack.core.RoomRole.MODERATOR);
    chat.moderation()
        .moderate(
            room.id(),
            owner,
            io.chatstack.core.ModerationRequest.of(io.chatstack.core.ModerationAction.BAN, banned));
    chat.moderation()
        .moderate(
            room.id(),
            owner,
            io.chatstack.core.ModerationRequest.of(io.chatstack.core.ModerationAction.MUTE, muted));
    String caller =
        switch (who) {
          case OWNER -> owner;
          case MODERATOR -> mod;
          case MEMBER -> target;
          case NON_PARTICIPANT -> stranger;
          case BANNED -> banned;
        };
    String path =
        call.path()
            .replace("{room}", Long.toString(room.id()))
            .replace("{target}", who == Standing.MEMBER ? muted : target);
    String body =
        call.body() == null
            ? null
            : call.body()
                .replace("{target}", who == Standing.MEMBER ? muted : target)
                .replace("{banned}", banned)
                .replace("{muted}", who == Standing.MEMBER ? target : muted)
                .replace("{owner}", owner);
    Room before = chat.room(room.id());
    List<io.chatstack.core.ChatMessage> log = chat.since(room.id(), -1, 1000);

    HttpResponse<String> response =
        call(call.method(), path, body, credentials(Credential.PARTICIPANT, caller));

    Expected expected = expectedModeration(kind, who, call);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected.status());
    if (expected.code() != null) {
      JsonNode problem = ChatJson.mapper().readTree(response.body());
      assertThat(problem.path("code").asText()).isEqualTo(expected.code());
      assertThat(chat.room(room.id())).as("nothing changed").isEqualTo(before);
      assertThat(chat.since(room.id(), -1, 1000)).as("nothing published").isEqualTo(log);
      return;
    }
    if (call.name().equals("delete")) {
      assertThat(chat.rooms()).noneMatch(r -> r.id() == room.id());
      return;
    }
    JsonNode answer = ChatJson.mapper().readTree(response.body());
    if (call.name().equals("restrictions")) {
      assertThat(answer.size()).isEqualTo(2);
      return;
    }
    if (call.name().equals("join")) {
      assertThat(chat.room(room.id()).hasParticipant(caller)).isTrue();
      return;
    }
    // Every other success: the room JSON with the caller's role, and one SYSTEM message.
    assertThat(answer.path("id").asLong()).isEqualTo(room.id());
    assertThat(answer.path("role").asText()).isEqualTo(who.name());
    List<io.chatstack.core.ChatMessage> after = chat.since(room.id(), -1, 1000);
    assertThat(after).hasSize(log.size() + 1);
    io.chatstack.core.ChatMessage system = after.get(after.size() - 1);
    assertThat(system.type()).isEqualTo(io.chatstack.core.MessageType.SYSTEM);
    assertThat(system.sender()).isEqualTo(caller);
    assertThat(system.metadata().get("actor")).isEqualTo(caller);
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
      // Messages in their current state (content, editedAt, deleted, reactions), and every record
      // of the log, change records included.
      state.add(chat.history(room.id(), HistoryQuery.latest(1000)).messages());
      state.add(chat.since(room.id(), -1, 1000));
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
