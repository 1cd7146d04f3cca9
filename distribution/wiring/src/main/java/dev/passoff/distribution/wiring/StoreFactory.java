package dev.passoff.distribution.wiring;

import dev.passoff.core.port.out.HandoffStore;

/** Opens one kind of handoff store; only the selected factory is ever asked. */
public interface StoreFactory {
  /** Opens the store described by the settings. */
  HandoffStore open();

  /** Where the store lives, as a user would recognise it, without opening anything. */
  String location();
}
