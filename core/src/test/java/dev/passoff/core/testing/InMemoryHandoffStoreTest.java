package dev.passoff.core.testing;

import dev.passoff.core.port.out.HandoffStore;

class InMemoryHandoffStoreTest extends AbstractHandoffStoreTest {
  @Override
  protected HandoffStore createStore() {
    return new InMemoryHandoffStore();
  }
}
