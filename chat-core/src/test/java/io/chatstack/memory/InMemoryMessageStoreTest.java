package io.chatstack.memory;

import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageStoreContract;

class InMemoryMessageStoreTest extends MessageStoreContract {
  private final MessageStore store = new InMemoryMessageStore();

  @Override
  protected MessageStore store() {
    return store;
  }
}
