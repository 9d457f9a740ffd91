package io.chatstack.client.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The client's subscriptions (rooms and signals), by subscription id. Thread-safe. */
final class Subscriptions {
  private final Map<String, Sub> byId = new ConcurrentHashMap<>();

  void add(Sub sub) {
    byId.put(sub.id, sub);
  }

  /** The subscription, or null. */
  Sub get(String id) {
    return byId.get(id);
  }

  /** Removes and returns the subscription, or null. */
  Sub remove(String id) {
    return byId.remove(id);
  }

  /** Subscriptions in creation order, for re-subscribing. */
  List<Sub> inOrder() {
    List<Sub> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparingLong(s -> Long.parseLong(s.id.substring(4))));
    return list;
  }
}
