package dev.passoff.store.sqlite;

import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Full-text search over the FTS5 index. Results are ordered by BM25 score (FTS5 {@code rank},
 * default weights) compared to three decimals, then newest first. Snippets are computed only for
 * rows read, never for the whole set of matches.
 *
 * <p>Three decimals, because FTS5 weighs a term that occurs in at least half of all rows with 10⁻⁶
 * instead of a negative inverse document frequency: for such terms the score differs only by
 * document length, in the sixth decimal, which is noise rather than relevance. The same fact makes
 * the costly case cheap: when every term occurs in at least half of the rows (a search for {@code
 * next steps} matches every handoff), every score rounds to zero, so the order is newest first and
 * no score needs computing. Otherwise FTS5 sorts by rank itself and the rows are read only as far
 * as the last tie of the last row returned.
 */
final class FullTextSearch {
  /** Above this many terms, even scores of 10⁻⁶ each could add up to a visible difference. */
  private static final int MAX_TERMS_FOR_RECENCY = 200;

  static final String INDEXED_ROWS = "SELECT count(*) FROM handoffs_fts_docsize";

  /** How many rows (up to ?2) contain one term; stops counting at ?2. */
  static final String TERM_ROWS_UP_TO =
      "SELECT count(*) FROM (SELECT 1 FROM handoffs_fts WHERE handoffs_fts MATCH ?1 LIMIT ?2)";

  private static final String HIT_COLUMNS =
      "h.rowid, h.id, h.title, h.created_at, h.from_client, h.status";

  private static final String SNIPPET = "snippet(handoffs_fts, 2, '[', ']', '…', 12)";

  /**
   * Best ranked first, without snippets: rows tied with the last one returned must be read too, and
   * a snippet costs more than the row, so snippets come afterwards for the chosen rows only.
   */
  static final String RANKED_ALL_PROJECTS = ranked("");

  static final String RANKED_IN_PROJECT = ranked(" AND h.project = ?2");

  /** The newest ?2 handoffs of one project, by a backward scan of its index. */
  static final String NEWEST_ROWS_IN_PROJECT =
      "SELECT "
          + HIT_COLUMNS
          + " FROM handoffs h WHERE h.project = ?1"
          + " ORDER BY h.created_at DESC, h.rowid DESC LIMIT ?2";

  /** The newest ?1 handoffs of all projects, chosen from a covering index. */
  static final String NEWEST_ROWS_ALL_PROJECTS =
      "SELECT "
          + HIT_COLUMNS
          + " FROM (SELECT rowid AS rid FROM handoffs ORDER BY created_at DESC, rowid DESC"
          + " LIMIT ?1) t JOIN handoffs h ON h.rowid = t.rid"
          + " ORDER BY h.created_at DESC, h.rowid DESC";

  /** Which of the given rowids (?4, a JSON array within ?2..?3) match. */
  static final String MATCHING_AMONG =
      "SELECT rowid FROM handoffs_fts WHERE handoffs_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
          + " AND +rowid IN (SELECT value FROM json_each(?4))";

  /** Newest matches first, from the whole set of matches at once: bounded by its size. */
  static final String NEWEST_MATCHES_ALL_PROJECTS = newestMatches("");

  static final String NEWEST_MATCHES_IN_PROJECT = newestMatches("project = ?2 AND ");

  /** Snippets for chosen rows (?4, a JSON array within ?2..?3), in one pass over that range. */
  static final String SNIPPETS =
      "SELECT rowid, "
          + SNIPPET
          + " FROM handoffs_fts WHERE handoffs_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
          + " AND +rowid IN (SELECT value FROM json_each(?4))";

  private static String ranked(String scope) {
    return "SELECT "
        + HIT_COLUMNS
        + ", round(f.rank, 3)"
        + " FROM handoffs_fts f JOIN handoffs h ON h.rowid = f.rowid"
        + " WHERE f.handoffs_fts MATCH ?1"
        + scope
        + " ORDER BY f.rank";
  }

  private static String newestMatches(String scope) {
    return "SELECT "
        + HIT_COLUMNS
        + " FROM (SELECT rowid AS rid FROM handoffs WHERE "
        + scope
        + "+rowid IN (SELECT rowid FROM handoffs_fts WHERE handoffs_fts MATCH ?1)"
        + " ORDER BY created_at DESC, rowid DESC LIMIT ?3) t JOIN handoffs h ON h.rowid = t.rid"
        + " ORDER BY h.created_at DESC, h.rowid DESC";
  }

  /** One matching row; the snippet may come later. */
  private record Candidate(
      long rowid,
      String id,
      String title,
      long createdAt,
      String fromClient,
      String status,
      double score) {

    SearchHit hit(@Nullable String snippetFound) {
      return new SearchHit(
          HandoffId.of(id),
          title,
          Objects.requireNonNullElse(snippetFound, ""),
          Instant.ofEpochMilli(createdAt),
          fromClient,
          new HandoffStatus(status));
    }
  }

  private static final Comparator<Candidate> ORDER =
      Comparator.comparingDouble(Candidate::score)
          .thenComparing(Comparator.comparingLong(Candidate::createdAt).reversed())
          .thenComparing(Comparator.comparingLong(Candidate::rowid).reversed());

  private FullTextSearch() {}

  /**
   * The FTS5 query for the terms. Each term becomes an FTS5 string (quoted, inner quotes doubled),
   * so no term has operator meaning. The strings are joined with an explicit {@code AND}: FTS5
   * drops a string without tokens from an implicit (space-separated) AND, which would ignore that
   * term, while an explicit AND with it matches nothing, as a term without letters or digits must.
   */
  static String matchExpression(List<String> terms) {
    StringJoiner out = new StringJoiner(" AND ");
    for (String term : terms) {
      out.add(phrase(term));
    }
    return out.toString();
  }

  private static String phrase(String term) {
    Objects.requireNonNull(term, "term");
    return '"' + term.replace("\"", "\"\"") + '"';
  }

  static List<SearchHit> search(SqliteSession s, List<String> terms, ProjectScope scope, int limit)
      throws SQLException {
    String match = matchExpression(terms);
    String project = scope instanceof ProjectScope.One one ? one.project() : null;
    return everyTermInHalfTheRows(s, terms)
        ? newest(s, match, project, limit)
        : bestRanked(s, match, project, limit);
  }

  /**
   * Whether FTS5 scores every term at 10⁻⁶: a term in at least half of the indexed rows gets a
   * non-positive inverse document frequency, which BM25 in FTS5 replaces by 10⁻⁶.
   */
  private static boolean everyTermInHalfTheRows(SqliteSession s, List<String> terms)
      throws SQLException {
    if (terms.size() > MAX_TERMS_FOR_RECENCY) {
      return false;
    }
    long rows = s.queryLong(INDEXED_ROWS);
    if (rows == 0) {
      return false;
    }
    long half = (rows + 1) / 2;
    for (String term : terms) {
      if (s.queryLong(TERM_ROWS_UP_TO, phrase(term), half) < half) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every score rounds to the same value, so the newest matches are the best. Matches of common
   * words are dense, so the newest few rows usually hold enough of them; otherwise the whole set of
   * matches is ordered by time.
   */
  private static List<SearchHit> newest(
      SqliteSession s, String match, @Nullable String project, int limit) throws SQLException {
    int window = 2 * limit;
    List<Candidate> recent =
        project == null
            ? s.query(NEWEST_ROWS_ALL_PROJECTS, rs -> candidate(rs, 0), window)
            : s.query(NEWEST_ROWS_IN_PROJECT, rs -> candidate(rs, 0), project, window);
    if (recent.isEmpty()) {
      return List.of();
    }
    Set<Long> matching =
        new HashSet<>(s.query(MATCHING_AMONG, rs -> rs.getLong(1), among(match, recent)));
    List<Candidate> chosen = new ArrayList<>(limit);
    for (Candidate c : recent) {
      if (chosen.size() < limit && matching.contains(c.rowid())) {
        chosen.add(c);
      }
    }
    // Fewer rows than the window means the whole scope was looked at.
    if (chosen.size() < limit && recent.size() == window) {
      chosen =
          project == null
              ? s.query(NEWEST_MATCHES_ALL_PROJECTS, rs -> candidate(rs, 0), match, null, limit)
              : s.query(NEWEST_MATCHES_IN_PROJECT, rs -> candidate(rs, 0), match, project, limit);
    }
    return withSnippets(s, match, chosen);
  }

  /** The hits for the chosen rows, in their order, with snippets computed in one statement. */
  private static List<SearchHit> withSnippets(SqliteSession s, String match, List<Candidate> chosen)
      throws SQLException {
    if (chosen.isEmpty()) {
      return List.of();
    }
    Map<Long, String> snippets = new HashMap<>();
    for (Map.Entry<Long, String> e :
        s.query(
            SNIPPETS,
            rs -> Map.entry(rs.getLong(1), Objects.requireNonNullElse(rs.getString(2), "")),
            among(match, chosen))) {
      snippets.put(e.getKey(), e.getValue());
    }
    List<SearchHit> hits = new ArrayList<>(chosen.size());
    for (Candidate c : chosen) {
      hits.add(c.hit(snippets.get(c.rowid())));
    }
    return hits;
  }

  /** Parameters that restrict a statement to these rows: match, lowest, highest, JSON array. */
  private static Object[] among(String match, List<Candidate> rows) {
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    StringJoiner rowids = new StringJoiner(",", "[", "]");
    for (Candidate c : rows) {
      low = Math.min(low, c.rowid());
      high = Math.max(high, c.rowid());
      rowids.add(Long.toString(c.rowid()));
    }
    return new Object[] {match, low, high, rowids.toString()};
  }

  /**
   * Reads rows in rank order until {@code limit} are taken and the next row scores worse than the
   * last one taken; rows tied with it may still be newer, so they are read too.
   */
  private static List<SearchHit> bestRanked(
      SqliteSession s, String match, @Nullable String project, int limit) throws SQLException {
    SqliteSession.Scanner<List<Candidate>> reader =
        rs -> {
          List<Candidate> taken = new ArrayList<>();
          double boundary = 0;
          while (rs.next()) {
            // Adding 0.0 turns -0.0 into 0.0, so that both count as the same score.
            double score = rs.getDouble(7) + 0.0;
            if (taken.size() >= limit && score > boundary) {
              break;
            }
            taken.add(candidate(rs, score));
            if (taken.size() == limit) {
              boundary = score;
            }
          }
          return taken;
        };
    List<Candidate> taken =
        project == null
            ? s.scan(RANKED_ALL_PROJECTS, reader, match)
            : s.scan(RANKED_IN_PROJECT, reader, match, project);
    taken.sort(ORDER);
    return withSnippets(s, match, taken.subList(0, Math.min(limit, taken.size())));
  }

  private static Candidate candidate(ResultSet rs, double score) throws SQLException {
    return new Candidate(
        rs.getLong(1),
        Objects.requireNonNullElse(rs.getString(2), ""),
        Objects.requireNonNullElse(rs.getString(3), ""),
        rs.getLong(4),
        Objects.requireNonNullElse(rs.getString(5), ""),
        Objects.requireNonNullElse(rs.getString(6), ""),
        score);
  }
}
