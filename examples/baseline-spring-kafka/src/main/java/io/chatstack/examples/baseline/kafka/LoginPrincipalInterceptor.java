package io.chatstack.examples.baseline.kafka;

import java.security.Principal;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Makes the CONNECT header {@code login} the session's principal, without a password check (the
 * same trust as chatstack's dev authentication). A CONNECT without a login is refused. Thread-safe
 * (stateless).
 */
public final class LoginPrincipalInterceptor implements ChannelInterceptor {
  @Override
  public Message<?> preSend(Message<?> message, MessageChannel channel) {
    StompHeaderAccessor accessor =
        MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
    if (accessor != null && StompCommand.CONNECT.equals(accessor.getCommand())) {
      String login = accessor.getLogin();
      if (login == null || login.isBlank()) {
        throw new MessageDeliveryException(message, "CONNECT needs a 'login' header");
      }
      accessor.setUser(new LoginPrincipal(login));
    }
    return message;
  }

  private record LoginPrincipal(String getName) implements Principal {}
}
