package io.chatstack.kafka;

import io.chatstack.core.ChatException;

/**
 * The Kafka topics exist with a layout the bus cannot use safely, typically a partition count of
 * the messages topic that differs from the configured one. Changing the count would move rooms to
 * other partitions and break the order of their seq, so the bus refuses to start. Code {@code
 * kafka-topic-layout}.
 */
public class TopicLayoutException extends ChatException {
  private static final long serialVersionUID = 1L;

  public TopicLayoutException(String message) {
    super("kafka-topic-layout", message);
  }
}
