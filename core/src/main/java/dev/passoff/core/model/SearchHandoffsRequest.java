package dev.passoff.core.model;

import dev.passoff.core.error.Violations;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A full-text search. The query is split on whitespace; every piece must match, literally.
 *
 * @param query 1 to 1,000 code points with at least one non-whitespace character
 * @param project the project; {@code null} for the current one, {@code *} for all
 * @param limit 1 to 50
 */
public record SearchHandoffsRequest(String query, @Nullable String project, int limit) {
  public static final int MAX_QUERY = 1000;

  public SearchHandoffsRequest {
    Violations v = new Violations();
    query = v.required("query", query, MAX_QUERY, false);
    project = v.optional("project", project, CreateHandoffRequest.MAX_PROJECT);
    v.range("limit", limit, 1, ListHandoffsRequest.MAX_LIMIT);
    v.throwIfAny();
  }

  /**
   * The query split on ECMAScript whitespace, empty pieces dropped. Each piece is a literal token
   * sequence; the pieces are ANDed.
   */
  public List<String> terms() {
    List<String> terms = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= query.length(); i++) {
      boolean space = i == query.length() || Violations.isEcmaWhitespace(query.charAt(i));
      if (space) {
        if (start >= 0) {
          terms.add(query.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    return List.copyOf(terms);
  }
}
