package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A MESSAGE on {@link StompDestinations#presence(long)}: first a snapshot {@code {"type":
 * "snapshot", "online": ["alice", "bob"], "count": 2}} (names sorted and capped at 500, {@code
 * count} exact), then {@code {"type": "online"|"offline", "user": "carol", "count": 3}}.
 * Thread-safe (immutable).
 *
 * @param type {@link #SNAPSHOT}, {@link #ONLINE} or {@link #OFFLINE}
 * @param user who came or went; absent in a snapshot
 * @param online the online participants; only in a snapshot
 * @param count online participants after the event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceBody(
    String type, @Nullable String user, @Nullable List<String> online, int count) {

  /** {@code type} of the first message: who is online. */
  public static final String SNAPSHOT = "snapshot";

  /** {@code type} of a participant coming online. */
  public static final String ONLINE = "online";

  /** {@code type} of a participant going offline. */
  public static final String OFFLINE = "offline";

  /** Copies {@code online}. */
  public PresenceBody {
    online = online == null ? null : List.copyOf(online);
  }

  /** The snapshot that starts a subscription. */
  public static PresenceBody snapshot(List<String> online, int count) {
    return new PresenceBody(SNAPSHOT, null, online, count);
  }

  /** {@code user} came online ({@code online} true) or went offline. */
  public static PresenceBody change(String user, boolean online, int count) {
    return new PresenceBody(online ? ONLINE : OFFLINE, user, null, count);
  }
}
