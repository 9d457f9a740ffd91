package io.chatstack.architecture.kits;

import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageStoreContract;
import io.chatstack.memory.InMemoryMessageStore;

/**
 * The README's example: a store checked by the kit from chat-core's test-jar, outside chat-core.
 */
class MessageStoreKitTest extends MessageStoreContract {
  private final MessageStore store = new InMemoryMessageStore();

  @Override
  protected MessageStore store() {
    return store;
  }
}
