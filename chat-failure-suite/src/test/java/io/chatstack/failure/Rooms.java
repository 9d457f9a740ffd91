package io.chatstack.failure;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Room set-up shared by the scenarios. Stateless. */
final class Rooms {
  private Rooms() {}

  /** {@code count} new rooms created by {@code creator}. */
  static List<Long> create(ChatClient creator, String prefix, int count) {
    List<Long> rooms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rooms.add(creator.createRoom(prefix + "-" + i).id());
    }
    return rooms;
  }

  /**
   * {@code client} joins every room and subscribes to each from the start of its history (since-seq
   * -1), recording deliveries as subscriber {@code name} in the ledger.
   */
  static void joinAndSubscribe(ChatClient client, String name, List<Long> rooms, Ledger ledger) {
    for (long room : rooms) {
      client.join(room);
      Ledger.Subscriber subscriber = ledger.subscriber(name, room);
      client.subscribe(
          room,
          -1,
          new RoomListener() {
            @Override
            public void onMessage(ChatSubscription s, ChatMessage m) {
              subscriber.record(m);
            }
          });
    }
  }
}
