package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.ForbiddenException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;

/**
 * Who calls a REST endpoint, as {@link ChatApiFilter} resolved it: the authenticated user (modes
 * jwt and principal, or dev mode with an {@code X-Chat-User} header), or in dev mode nobody yet,
 * when the request names its user in the path or body only. Thread-safe (immutable).
 */
@Hidden // not a parameter: the filter resolves it from the request
final class RestCaller {
  /** Request attribute holding the caller. */
  static final String ATTRIBUTE = RestCaller.class.getName();

  private final ChatPrincipal user;
  private final int maxUsernameLength;

  private RestCaller(ChatPrincipal user, int maxUsernameLength) {
    this.user = user;
    this.maxUsernameLength = maxUsernameLength;
  }

  /** A caller the authenticator vouched for (or, in dev mode, who named itself in the header). */
  static RestCaller authenticated(ChatPrincipal user) {
    return new RestCaller(user, Integer.MAX_VALUE);
  }

  /** A dev-mode caller who named no user in the header: the path or body names them. */
  static RestCaller anonymousDev(int maxUsernameLength) {
    return new RestCaller(null, maxUsernameLength);
  }

  /** The caller, when known without looking at the path or body. */
  Optional<ChatPrincipal> known() {
    return Optional.ofNullable(user);
  }

  /**
   * The user who acts when the request names {@code named} as the actor (creator of a room, a user
   * joining or leaving themselves): the known caller, who must not name someone else ({@code
   * identity-mismatch}); in dev mode without a header, the named user.
   */
  ChatPrincipal actingAs(String named) {
    if (user == null) {
      return new ChatPrincipal(Names.requireUsername(named, maxUsernameLength));
    }
    if (named != null && !named.isEmpty() && !named.equals(user.name())) {
      throw new IdentityMismatchException(user.name(), named);
    }
    return user;
  }

  /**
   * The user a path names as the only one allowed ({@code /api/rooms/user/{username}}): the known
   * caller must be that user ({@code forbidden} otherwise).
   */
  ChatPrincipal onlySelf(String named) {
    if (user != null && !user.name().equals(named)) {
      throw new ForbiddenException(
          "You may list your own rooms only: /api/rooms/user/" + user.name());
    }
    return actingAs(named);
  }

  /** The known caller; in dev mode without a header the request is refused as naming nobody. */
  ChatPrincipal required() {
    if (user == null) {
      throw new InvalidUsernameException(
          "Dev mode: name the calling user in the header " + ChatApiFilter.DEV_USER_HEADER);
    }
    return user;
  }
}
