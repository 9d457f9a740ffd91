package io.chatstack.server;

import java.security.Principal;
import java.util.Objects;

/**
 * An authenticated user of a STOMP connection. Thread-safe (immutable).
 *
 * @param name user name; the sender of every message sent on the connection
 */
public record ChatPrincipal(String name) implements Principal {
  public ChatPrincipal {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String getName() {
    return name;
  }
}
