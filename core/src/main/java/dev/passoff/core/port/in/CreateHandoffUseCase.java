package dev.passoff.core.port.in;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.CreatedHandoff;

/** Writes a new handoff for the next agent. */
public interface CreateHandoffUseCase {
  /**
   * Creates an open handoff in the requested project (or the current one), stamped with the
   * creating client.
   */
  CreatedHandoff create(CreateHandoffRequest request, ClientIdentity client);
}
