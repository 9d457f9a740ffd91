package io.chatstack.loadtest;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Baselines: any numeric room id works, nothing to set up. Thread-safe. */
final class BaselineRoomSetup implements RoomSetup {
  private final AtomicLong next = new AtomicLong(1000);

  @Override
  public long createRoom(String name, String creator) {
    return next.incrementAndGet();
  }

  @Override
  public void join(long roomId, List<String> usernames) {}
}
