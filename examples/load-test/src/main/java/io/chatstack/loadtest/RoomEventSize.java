package io.chatstack.loadtest;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.memory.InMemoryRoomRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prints how many bytes one join publishes as a room event (the value of the record on the {@code
 * chat-events} topic: the event's JSON, as the Kafka bus writes it) in rooms of 10 to 10,000
 * members, beside what chatstack 0.1's event (the whole room with its member list) would have
 * weighed. Run: {@code java -cp examples/load-test/target/load-test.jar
 * io.chatstack.loadtest.RoomEventSize}.
 */
public final class RoomEventSize {
  private RoomEventSize() {}

  public static void main(String[] args) {
    System.out.println(
        "| room members | join event (bytes) | 0.1's event with the member list (bytes) |");
    System.out.println("|---|---|---|");
    for (int members : new int[] {10, 1_000, 10_000}) {
      InMemoryRoomRepository rooms = new InMemoryRoomRepository();
      try (ChatService chat = ChatService.builder().roomRepository(rooms).build()) {
        Room room = chat.createRoom("big", "owner");
        for (int i = 1; i < members; i++) {
          rooms.addParticipant(room.id(), String.format(Locale.ROOT, "member-%05d", i));
        }
        List<RoomEvent> events = new CopyOnWriteArrayList<>();
        chat.subscribeRooms(events::add);
        Room after = chat.join(room.id(), "newcomer");
        int bytes = ChatJson.toBytes(events.get(0)).length;
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>();
        old.put("kind", "UPDATED");
        old.put("room", oldRoom(after));
        int oldBytes = ChatJson.toBytes(old).length;
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s |%n",
            Format.count(members),
            Format.count(bytes),
            Format.count(oldBytes));
      }
    }
  }

  /** The room as 0.1 serialized it: id, name, creator, creation time and every participant. */
  private static java.util.Map<String, Object> oldRoom(Room room) {
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("id", room.id());
    json.put("name", room.name());
    json.put("createdBy", room.createdBy());
    json.put("createdAt", room.createdAt());
    json.put("participants", new ArrayList<>(room.participants()));
    return json;
  }
}
