package io.chatstack.kafka;

import io.chatstack.core.MessageStore;
import io.chatstack.memory.InMemoryMessageStore;

/** {@link KafkaMessagesMultiNodeChecks} with a shared in-memory store. */
class KafkaMessagesMultiNodeIT extends KafkaMessagesMultiNodeChecks {
  private static final InMemoryMessageStore STORE = new InMemoryMessageStore();

  @Override
  protected MessageStore store() {
    return STORE;
  }
}
