package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Room visibility and revocation over the wire: what a STOMP client may see and do in rooms of each
 * visibility, that refusals change nothing, and that a room subscription ends at its user's own
 * LEAVE.
 */
class RoomAccessIT {
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static RawStompClient withErrors(String user) throws Exception {
    RawStompClient client = RawStompClient.connected(fixture.uri(), user);
    subscribe(client, "err", "/user/queue/errors", "e");
    return client;
  }

  private static JsonNode errorFor(RawStompClient client, String receipt) throws Exception {
    TestFrame error =
        client.await(f -> "err".equals(f.header("subscription")) && body(f).contains(receipt));
    return ChatJson.mapper().readTree(error.body());
  }

  private static String body(TestFrame f) {
    return f.body() == null ? "" : f.body();
  }

  @Test
  void aPrivateRoomCreatedOverStompIsInvisibleToOthersAndRefusalsChangeNothing() throws Exception {
    try (RawStompClient owner = withErrors("owner1");
        RawStompClient eve = withErrors("eve1")) {
      owner.send(
          frame(
              "SEND",
              "{\"roomName\":\"secret\",\"visibility\":\"PRIVATE\"}",
              "destination",
              "/app/chat/rooms",
              "receipt",
              "c"));
      long roomId = Long.parseLong(owner.awaitReceipt("c").header("room-id"));
      Room before = fixture.service.room(roomId);
      assertThat(before.visibility()).isEqualTo(RoomVisibility.PRIVATE);
      int history = fixture.service.history(roomId, HistoryQuery.latest(50)).messages().size();

      subscribe(eve, "q", "/app/chat/rooms", "l");
      JsonNode list = ChatJson.mapper().readTree(eve.await(subscription("q")).body());
      assertThat(list.findValuesAsText("id")).doesNotContain(Long.toString(roomId));
      assertThat(list.findValues("participants")).isEmpty();

      String[][] attempts = {
        {"SUBSCRIBE", "/topic/chat/" + roomId},
        {"SUBSCRIBE", "/app/chat/history/" + roomId},
        {"SEND", "/app/chat/join/" + roomId},
        {"SEND", "/app/chat/send/" + roomId},
        {"SEND", "/app/chat/leave/" + roomId},
      };
      int n = 0;
      for (String[] attempt : attempts) {
        String receipt = "x" + n++;
        if (attempt[0].equals("SUBSCRIBE")) {
          eve.send(
              frame("SUBSCRIBE", "", "id", "s" + n, "destination", attempt[1], "receipt", receipt));
        } else {
          eve.send(
              frame("SEND", "{\"content\":\"hi\"}", "destination", attempt[1], "receipt", receipt));
        }
        assertThat(errorFor(eve, receipt).path("code").asText())
            .as(attempt[1])
            .isEqualTo("room-not-found");
      }
      assertThat(fixture.service.room(roomId)).isEqualTo(before);
      assertThat(fixture.service.history(roomId, HistoryQuery.latest(50)).messages())
          .hasSize(history);
    }
  }

  @Test
  void joiningAPrivateRoomIsRefusedButItsParticipantsSubscribe() throws Exception {
    Room room = fixture.service.createRoom("club", "owner2", RoomVisibility.PRIVATE);
    fixture.service.join(room.id(), "bob2", "owner2");
    try (RawStompClient bob = withErrors("bob2");
        RawStompClient mallory = withErrors("mallory2")) {
      subscribe(bob, "r", "/topic/chat/" + room.id(), "s");
      // A public room's participants-only rules answer not-participant; a private one says nothing.
      Room open = fixture.service.createRoom("open", "owner2");
      mallory.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "h",
              "destination",
              "/app/chat/history/" + open.id(),
              "receipt",
              "h1"));
      assertThat(errorFor(mallory, "h1").path("code").asText()).isEqualTo("not-participant");
      mallory.send(frame("SEND", "", "destination", "/app/chat/join/" + open.id(), "receipt", "j"));
      mallory.awaitReceipt("j");
      assertThat(fixture.service.room(open.id()).participants()).contains("mallory2");
    }
  }

  @Test
  void roomEventsReachOnlyUsersWhoMaySeeTheRoom() throws Exception {
    try (RawStompClient owner = withErrors("owner3");
        RawStompClient eve = withErrors("eve3")) {
      for (RawStompClient c : List.of(owner, eve)) {
        subscribe(c, "rooms", "/topic/rooms", "t");
      }
      Room hidden = fixture.service.createRoom("hidden", "owner3", RoomVisibility.PRIVATE);
      Room shown = fixture.service.createRoom("shown", "owner3");
      Predicate<TestFrame> shownEvent =
          f -> "rooms".equals(f.header("subscription")) && body(f).contains("\"shown\"");
      eve.await(shownEvent);
      owner.await(shownEvent);
      owner.await(f -> "rooms".equals(f.header("subscription")) && body(f).contains("\"hidden\""));
      // Events are delivered in publication order: had eve been sent the hidden room's event, it
      // would stand before the shown room's.
      assertThat(eve.messages())
          .filteredOn(f -> "rooms".equals(f.header("subscription")))
          .noneMatch(f -> body(f).contains("\"id\":" + hidden.id() + ","));
      assertThat(shown.id()).isGreaterThan(hidden.id());
      // Invited, eve sees the room's event about herself.
      fixture.service.join(hidden.id(), "eve3", "owner3");
      eve.await(
          f ->
              "rooms".equals(f.header("subscription"))
                  && body(f).contains("\"JOINED\"")
                  && body(f).contains("\"user\":\"eve3\""));
    }
  }

  @Test
  void aSubscriptionEndsAtItsUsersOwnLeaveWhateverConnectionLeft() throws Exception {
    Room room = fixture.service.createRoom("revoke", "alice4");
    fixture.service.join(room.id(), "bob4");
    try (RawStompClient bob = withErrors("bob4");
        RawStompClient bobElsewhere = withErrors("bob4");
        RawStompClient alice = withErrors("alice4")) {
      for (RawStompClient c : List.of(bob, alice)) {
        subscribe(c, "room", "/topic/chat/" + room.id(), "sub");
      }
      bobElsewhere.send(
          frame("SEND", "", "destination", "/app/chat/leave/" + room.id(), "receipt", "bye"));
      bobElsewhere.awaitReceipt("bye");
      JsonNode revoked =
          ChatJson.mapper()
              .readTree(
                  bob.await(
                          f ->
                              "err".equals(f.header("subscription"))
                                  && body(f).contains("subscription-revoked"))
                      .body());
      assertThat(revoked.path("roomId").asLong()).isEqualTo(room.id());
      assertThat(revoked.path("subscription").asText()).isEqualTo("room");
      alice.send(
          frame(
              "SEND",
              "{\"content\":\"after the leave\"}",
              "destination",
              "/app/chat/send/" + room.id(),
              "receipt",
              "m"));
      alice.await(
          f -> "room".equals(f.header("subscription")) && body(f).contains("after the leave"));
      List<TestFrame> seen =
          bob.messages().stream().filter(f -> "room".equals(f.header("subscription"))).toList();
      assertThat(seen).isNotEmpty();
      assertThat(seen.get(seen.size() - 1).body()).contains("\"type\":\"LEAVE\"").contains("bob4");
      assertThat(seen).noneMatch(f -> body(f).contains("after the leave"));
      // The subscription id is free again (a dangling one would be a duplicate-subscription ERROR);
      // bob, no longer a participant, is refused.
      bob.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "room",
              "destination",
              "/topic/chat/" + room.id(),
              "receipt",
              "resub-7"));
      assertThat(errorFor(bob, "resub-7").path("code").asText()).isEqualTo("not-participant");
    }
  }

  @Test
  void aRemovalByTheCreatorRevokesToo() throws Exception {
    Room room = fixture.service.createRoom("kick", "alice5");
    fixture.service.join(room.id(), "bob5");
    try (RawStompClient bob = withErrors("bob5")) {
      subscribe(bob, "room", "/topic/chat/" + room.id(), "sub");
      new RoomAccess(fixture.service, RoomAuthorizer.defaults())
          .removeParticipant(new ChatPrincipal("alice5"), room.id(), "bob5");
      bob.await(
          f -> "err".equals(f.header("subscription")) && body(f).contains("subscription-revoked"));
    }
  }

  @Test
  void aReplayedLeaveFollowedByAJoinKeepsTheSubscription() throws Exception {
    Room room = fixture.service.createRoom("again", "alice6");
    fixture.service.join(room.id(), "bob6");
    fixture.service.send(room.id(), "alice6", "while bob is in").join();
    fixture.service.leave(room.id(), "bob6");
    fixture.service.send(room.id(), "alice6", "while bob is out").join();
    fixture.service.join(room.id(), "bob6");
    try (RawStompClient bob = withErrors("bob6")) {
      bob.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "room",
              "destination",
              "/topic/chat/" + room.id(),
              "since-seq",
              "0",
              "receipt",
              "sub"));
      bob.awaitReceipt("sub");
      fixture.service.send(room.id(), "alice6", "still here").join();
      bob.await(f -> "room".equals(f.header("subscription")) && body(f).contains("still here"));
      assertThat(bob.frames()).noneMatch(f -> body(f).contains("subscription-revoked"));
      // What was said while bob was out is not replayed to his subscription.
      assertThat(bob.messages()).anyMatch(f -> body(f).contains("while bob is in"));
      assertThat(bob.messages()).noneMatch(f -> body(f).contains("while bob is out"));
    }
  }

  @Test
  void invitationsRemovalsAndDirectRoomsOverStompFollowTheRules() throws Exception {
    try (RawStompClient owner = withErrors("owner7");
        RawStompClient bob = withErrors("bob7")) {
      owner.send(
          frame(
              "SEND",
              "{\"roomName\":\"crew\",\"visibility\":\"PRIVATE\"}",
              "destination",
              "/app/chat/rooms",
              "receipt",
              "c"));
      long crew = Long.parseLong(owner.awaitReceipt("c").header("room-id"));
      owner.send(
          frame(
              "SEND",
              "{\"username\":\"bob7\"}",
              "destination",
              "/app/chat/invite/" + crew,
              "receipt",
              "i"));
      owner.awaitReceipt("i");
      assertThat(fixture.service.room(crew).participants()).containsExactly("bob7", "owner7");
      // bob is a participant now but not the creator: he may invite, not remove.
      bob.send(
          frame(
              "SEND",
              "{\"username\":\"owner7\"}",
              "destination",
              "/app/chat/remove/" + crew,
              "receipt",
              "r1"));
      assertThat(errorFor(bob, "r1").path("code").asText()).isEqualTo("forbidden");
      assertThat(fixture.service.room(crew).participants()).containsExactly("bob7", "owner7");
      owner.send(
          frame(
              "SEND",
              "{\"username\":\"bob7\"}",
              "destination",
              "/app/chat/remove/" + crew,
              "receipt",
              "r2"));
      owner.awaitReceipt("r2");
      assertThat(fixture.service.room(crew).participants()).containsExactly("owner7");

      owner.send(
          frame(
              "SEND",
              "{\"username\":\"bob7\"}",
              "destination",
              "/app/chat/direct",
              "receipt",
              "d1"));
      TestFrame first = owner.awaitReceipt("d1");
      assertThat(first.header("created")).isEqualTo("true");
      bob.send(
          frame(
              "SEND",
              "{\"username\":\"owner7\"}",
              "destination",
              "/app/chat/direct",
              "receipt",
              "d2"));
      TestFrame second = bob.awaitReceipt("d2");
      assertThat(second.header("created")).isEqualTo("false");
      assertThat(second.header("room-id")).isEqualTo(first.header("room-id"));
      long dm = Long.parseLong(first.header("room-id"));
      owner.send(
          frame(
              "SEND",
              "{\"username\":\"carol7\"}",
              "destination",
              "/app/chat/invite/" + dm,
              "receipt",
              "i2"));
      assertThat(errorFor(owner, "i2").path("code").asText()).isEqualTo("forbidden");
      assertThat(fixture.service.room(dm).participants()).containsExactly("bob7", "owner7");
    }
  }

  @Test
  void aLeaveTheNodesCacheHasNotSeenYetStillEndsTheNewSubscription() throws Exception {
    InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    try (ChatService service = staleCachedService(rooms);
        ChatServer server = serve(service)) {
      Room room = service.createRoom("stale", "alice8");
      service.join(room.id(), "bob8");
      assertThat(service.cachedRoom(room.id()).participants()).contains("bob8");
      // Removed on "another node": the repository knows, this node's cache does not yet.
      rooms.removeParticipant(room.id(), "bob8");
      try (RawStompClient bob = RawStompClient.connected(server.uri(), "bob8")) {
        subscribe(bob, "err", "/user/queue/errors", "e");
        subscribe(bob, "room", "/topic/chat/" + room.id(), "s");
        bob.await(
            f ->
                "err".equals(f.header("subscription")) && body(f).contains("subscription-revoked"));
        service.send(room.id(), "alice8", "not for bob").join();
        bob.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "room",
                "destination",
                "/topic/chat/" + room.id(),
                "receipt",
                "resub-8"));
        // The stale cache still admits the subscribe; the fresh read behind it ends it again.
        bob.awaitReceipt("resub-8");
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    bob.messages().stream()
                            .filter(f -> body(f).contains("subscription-revoked"))
                            .count()
                        == 2);
        assertThat(bob.messages()).noneMatch(f -> body(f).contains("not for bob"));
      }
    }
  }

  @Test
  void theFreshCheckAfterASubscribeReadsTheUsersMembershipNotTheWholeRoom() throws Exception {
    InMemoryRoomRepository real = new InMemoryRoomRepository();
    java.util.concurrent.atomic.AtomicInteger wholeRoomReads =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger membershipReads =
        new java.util.concurrent.atomic.AtomicInteger();
    // Delegates every call to the real repository and counts the two reads this test is about.
    io.chatstack.core.RoomRepository counting =
        (io.chatstack.core.RoomRepository)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {io.chatstack.core.RoomRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("findById")) {
                    wholeRoomReads.incrementAndGet();
                  } else if (method.getName().equals("isParticipant")) {
                    membershipReads.incrementAndGet();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (ChatService service = staleCachedService(counting);
        ChatServer server = serve(service)) {
      Room room = service.createRoom("big", "alice9");
      for (int i = 0; i < 50; i++) {
        service.join(room.id(), "member9-" + i);
      }
      service.cachedRoom(room.id()); // warm
      int before = wholeRoomReads.get();
      try (RawStompClient member = RawStompClient.connected(server.uri(), "member9-7")) {
        subscribe(member, "room", "/topic/chat/" + room.id(), "s");
        service.send(room.id(), "alice9", "for members").join();
        member.await(f -> body(f).contains("for members"));
      }
      assertThat(membershipReads.get()).isGreaterThanOrEqualTo(1);
      assertThat(wholeRoomReads.get()).isEqualTo(before);
    }
  }

  /** A service on {@code rooms} whose room cache keeps entries for 10 minutes. */
  private static ChatService staleCachedService(io.chatstack.core.RoomRepository rooms) {
    return ChatService.builder().roomRepository(rooms).roomCacheTtl(Duration.ofMinutes(10)).build();
  }

  /** A started STOMP server for {@code service} with dev authentication, on a free port. */
  private static ChatServer serve(ChatService service) {
    return ChatServer.builder()
        .port(0)
        .config(StompServerConfig.builder(service, new DevAuthenticator()).build())
        .build()
        .start();
  }

  /** SUBSCRIBEs {@code client} as {@code id} and waits for the RECEIPT. */
  private static void subscribe(
      RawStompClient client, String id, String destination, String receipt) throws Exception {
    client.send(frame("SUBSCRIBE", "", "id", id, "destination", destination, "receipt", receipt));
    client.awaitReceipt(receipt);
  }

  private static Predicate<TestFrame> subscription(String id) {
    return f -> id.equals(f.header("subscription"));
  }
}
