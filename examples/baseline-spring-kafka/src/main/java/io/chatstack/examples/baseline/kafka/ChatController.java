package io.chatstack.examples.baseline.kafka;

import java.security.Principal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/**
 * Handles SEND {@code /app/chat/send/{roomId}}: stamps the message (id, sender from the principal,
 * time) and produces it to {@link ChatTopics#MESSAGES} with the room id as key; delivery to
 * subscribers happens in {@link ChatMessageListener}. Any room id is accepted. Does not wait for
 * Kafka's acknowledgement (failures are logged by KafkaTemplate's producer listener). Thread-safe;
 * called on Spring's clientInboundChannel threads.
 */
@Controller
public class ChatController {
  private final KafkaTemplate<String, ChatMessage> kafka;

  public ChatController(KafkaTemplate<String, ChatMessage> kafka) {
    this.kafka = kafka;
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
    kafka.send(ChatTopics.MESSAGES, Long.toString(roomId), message);
  }
}
