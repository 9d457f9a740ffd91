package io.chatstack.examples.baseline.simple;

import java.security.Principal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/**
 * Handles SEND {@code /app/chat/send/{roomId}}: stamps the message (id, sender from the principal,
 * time) and publishes it to the room's topic on the SimpleBroker. Any room id is accepted.
 * Thread-safe; called on Spring's clientInboundChannel threads.
 */
@Controller
public class ChatController {
  private final SimpMessagingTemplate messaging;

  public ChatController(SimpMessagingTemplate messaging) {
    this.messaging = messaging;
  }

  @MessageMapping("/chat/send/{roomId}")
  public void send(@DestinationVariable long roomId, @Payload SendRequest request, Principal user) {
    ChatMessage message =
        new ChatMessage(
            UUID.randomUUID().toString(),
            roomId,
            user.getName(),
            request.content(),
            request.type() == null ? MessageType.CHAT : request.type(),
            Instant.now(),
            request.clientMsgId());
    messaging.convertAndSend("/topic/chat/" + roomId, message);
  }
}
