package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatService;
import io.chatstack.core.Names;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrative REST endpoints, for callers the {@link AdminGuard} admits (403 {@code forbidden}
 * for everyone else, before anything is read or changed). Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Admin", description = "For callers with chatstack.admin.authority")
public class AdminController {
  private static final Logger log = LoggerFactory.getLogger(AdminController.class);

  private final ChatService chat;
  private final AdminGuard guard;
  private final int maxUsernameLength;

  public AdminController(ChatService chat, AdminGuard guard, int maxUsernameLength) {
    this.chat = chat;
    this.guard = guard;
    this.maxUsernameLength = maxUsernameLength;
  }

  /**
   * Erasure for a data-protection request ({@link ChatService#eraseUser}): every chat message of
   * the user, in every room, becomes a tombstone in history and replays. Idempotent: a second call
   * erases nothing more ({@code "erased":0}).
   */
  @Operation(summary = "Erases every message of a user (data-protection request); idempotent")
  @ProblemCodes({"invalid-username", "forbidden"})
  @DeleteMapping("/users/{username}/messages")
  ErasureResponse eraseUser(
      @PathVariable("username") String username, HttpServletRequest request, RestCaller caller) {
    guard.require(request);
    String user = Names.requireUsername(username, maxUsernameLength);
    long erased = chat.eraseUser(user);
    log.info(
        "Erased {} messages of user '{}' at the request of {}",
        erased,
        user,
        caller.known().map(c -> "'" + c.name() + "'").orElse("an unnamed dev-mode caller"));
    return new ErasureResponse(user, erased);
  }
}
