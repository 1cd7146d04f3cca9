package dev.passoff.core.port.in;

import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.SearchResults;

/** Finds handoffs by the words they contain. */
public interface SearchHandoffsUseCase {
  /** Searches within the requested scope, best match first. */
  SearchResults search(SearchHandoffsRequest request);
}
