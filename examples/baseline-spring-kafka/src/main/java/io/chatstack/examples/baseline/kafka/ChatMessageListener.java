package io.chatstack.examples.baseline.kafka;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link ChatTopics#MESSAGES} in the single consumer group {@code
 * spring.kafka.consumer.group-id} (as the seed did): stores each message in MongoDB collection
 * {@code chat_messages}, then broadcasts it to {@code /topic/chat/{roomId}}. Called on the listener
 * containers' consumer threads, one per assigned partition set; thread-safe.
 */
@Component
public class ChatMessageListener {
  /** MongoDB collection of stored messages. */
  public static final String COLLECTION = "chat_messages";

  private final MongoTemplate mongo;
  private final SimpMessagingTemplate messaging;

  public ChatMessageListener(MongoTemplate mongo, SimpMessagingTemplate messaging) {
    this.mongo = mongo;
    this.messaging = messaging;
  }

  @KafkaListener(topics = ChatTopics.MESSAGES)
  public void onMessage(ChatMessage message) {
    mongo.insert(message, COLLECTION);
    messaging.convertAndSend("/topic/chat/" + message.roomId(), message);
  }
}
