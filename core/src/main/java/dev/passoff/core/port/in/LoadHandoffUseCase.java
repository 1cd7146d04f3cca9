package dev.passoff.core.port.in;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.LoadHandoffRequest;

/** Picks up a handoff and records who received it. */
public interface LoadHandoffUseCase {
  /** Loads by id, or the newest active handoff, and stamps the loading client. */
  Handoff load(LoadHandoffRequest request, ClientIdentity client);
}
