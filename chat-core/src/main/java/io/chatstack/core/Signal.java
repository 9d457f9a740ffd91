package io.chatstack.core;

import java.util.List;
import java.util.Objects;

/**
 * One ephemeral signal between nodes, carried by the {@link SignalBus}: never stored, no seq, never
 * replayed.
 *
 * @param kind what it says
 * @param node the id of the node that sent it
 * @param roomId the room for {@code TYPING} and {@code READ}; 0 otherwise
 * @param user the user for {@code ONLINE}, {@code OFFLINE}, {@code TYPING}, {@code READ}, {@code
 *     ERASED}; empty otherwise
 * @param value 1/0 for {@code TYPING}, the read seq for {@code READ}; 0 otherwise
 * @param users for {@code LEASE}: users online on the node (one of possibly several chunks)
 */
public record Signal(
    Kind kind, String node, long roomId, String user, long value, List<String> users) {

  /** Kind of signal. */
  public enum Kind {
    /** The node is alive and these users are online on it; renews their lease. */
    LEASE,
    /** The user's first connection on the node opened. */
    ONLINE,
    /** The user's last connection on the node closed and the grace passed. */
    OFFLINE,
    /** The node shuts down: all its users are gone from it. */
    NODE_LEFT,
    /** The user is ({@code value} 1) or stopped ({@code value} 0) typing in the room. */
    TYPING,
    /** The user's {@code lastReadSeq} in the room is now {@code value}. */
    READ,
    /**
     * The user's messages were erased in the store: nodes drop their history tails, which still
     * hold them (they would load them again after their max age anyway).
     */
    ERASED
  }

  /** Checks and copies. */
  public Signal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(user, "user");
    users = List.copyOf(users);
  }

  /** A signal about one user (and maybe one room). */
  public static Signal of(Kind kind, String node, long roomId, String user, long value) {
    return new Signal(kind, node, roomId, user, value, List.of());
  }
}
