package io.chatstack.memory;

import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalBusContract;

class InMemorySignalBusTest extends SignalBusContract {
  @Override
  protected SignalBus createBus() {
    return new InMemorySignalBus();
  }
}
