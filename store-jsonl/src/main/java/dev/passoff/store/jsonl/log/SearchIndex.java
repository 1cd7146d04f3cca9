package dev.passoff.store.jsonl.log;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An inverted index over the title, content and tags of every handoff, with BM25 ranking as SQLite
 * FTS5 computes it (k1 = 1.2, b = 0.75, every column weighted 1, a phrase's frequency summed over
 * the columns, an inverse document frequency that is not positive replaced by 10⁻⁶). Documents are
 * stored as arrays of term numbers, so the index costs a few bytes per token.
 */
final class SearchIndex {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** How many tokens a snippet shows, as in the SQLite store's {@code snippet(…, 12)}. */
  static final int SNIPPET_TOKENS = 12;

  /** Above this many phrases, even scores of 10⁻⁶ each could add up to a visible difference. */
  private static final int MAX_PHRASES_FOR_RECENCY = 200;

  private record Doc(int[] title, int[] content, int[] tags) {
    int length() {
      return title.length + content.length + tags.length;
    }
  }

  /** A matching handoff and its score in thousandths, higher is better. */
  record Match(HandoffId id, long score) {}

  private final Map<String, Integer> dictionary = new HashMap<>();
  private final List<Set<HandoffId>> postings = new ArrayList<>();
  private final Map<HandoffId, Doc> docs = new HashMap<>();
  private long totalLength;

  /** Indexes a handoff, replacing what was indexed under its id. */
  void add(Handoff h) {
    remove(h.id());
    Doc doc = new Doc(terms(h.title()), terms(h.content()), terms(String.join(" ", h.tags())));
    docs.put(h.id(), doc);
    totalLength += doc.length();
    for (int[] column : List.of(doc.title(), doc.content(), doc.tags())) {
      for (int term : column) {
        postings.get(term).add(h.id());
      }
    }
  }

  /** Drops a handoff from the index; unknown ids are ignored. */
  void remove(HandoffId id) {
    Doc doc = docs.remove(id);
    if (doc == null) {
      return;
    }
    totalLength -= doc.length();
    for (int[] column : List.of(doc.title(), doc.content(), doc.tags())) {
      for (int term : column) {
        postings.get(term).remove(id);
      }
    }
  }

  /** How many handoffs are indexed. */
  int size() {
    return docs.size();
  }

  private int[] terms(String text) {
    String[] keys = Tokens.of(text).keys();
    int[] out = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      Integer term = dictionary.get(keys[i]);
      if (term == null) {
        term = postings.size();
        dictionary.put(keys[i], term);
        postings.add(new HashSet<>());
      }
      out[i] = term;
    }
    return out;
  }

  /** The phrases as term numbers, or {@code null} when one of them cannot match anything. */
  private @Nullable List<int[]> code(List<List<String>> phrases) {
    List<int[]> coded = new ArrayList<>(phrases.size());
    for (List<String> phrase : phrases) {
      if (phrase.isEmpty()) {
        return null;
      }
      int[] terms = new int[phrase.size()];
      for (int i = 0; i < terms.length; i++) {
        Integer term = dictionary.get(phrase.get(i));
        if (term == null) {
          return null;
        }
        terms[i] = term;
      }
      coded.add(terms);
    }
    return coded;
  }

  /**
   * Whether every score rounds to zero: each phrase occurs in at least half of the handoffs, so its
   * inverse document frequency is not positive and counts as 10⁻⁶. With up to 200 phrases the sum
   * stays below 0.0005, so ranking reduces to newest first (as decision 0009 says for the SQLite
   * store).
   */
  boolean allCommon(List<List<String>> phrases) {
    List<int[]> coded = code(phrases);
    if (coded == null || coded.size() > MAX_PHRASES_FOR_RECENCY || docs.isEmpty()) {
      return false;
    }
    int half = (docs.size() + 1) / 2;
    for (int[] phrase : coded) {
      if (documentFrequency(phrase, half) < half) {
        return false;
      }
    }
    return true;
  }

  /** Whether the handoff indexed under {@code id} contains every phrase. */
  boolean matches(HandoffId id, List<List<String>> phrases) {
    List<int[]> coded = code(phrases);
    Doc doc = docs.get(id);
    if (coded == null || doc == null) {
      return false;
    }
    for (int[] phrase : coded) {
      if (occurrences(doc, phrase) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every indexed handoff in scope that contains each phrase as a run of tokens in one of its
   * columns, with its score. A phrase without tokens matches nothing.
   *
   * @param phrases the folded tokens of each search term
   */
  List<Match> search(List<List<String>> phrases, Predicate<HandoffId> inScope) {
    List<int[]> coded = code(phrases);
    if (coded == null) {
      return List.of();
    }
    Set<Integer> distinct = new HashSet<>();
    for (int[] phrase : coded) {
      for (int term : phrase) {
        distinct.add(term);
      }
    }
    List<Set<HandoffId>> sets = new ArrayList<>();
    for (int term : distinct) {
      sets.add(postings.get(term));
    }
    sets.sort(Comparator.comparingInt(Set::size));
    double[] idf = null;
    double averageLength = docs.isEmpty() ? 1 : (double) totalLength / docs.size();
    List<Match> out = new ArrayList<>();
    candidates:
    for (HandoffId id : sets.get(0)) {
      for (int s = 1; s < sets.size(); s++) {
        if (!sets.get(s).contains(id)) {
          continue candidates;
        }
      }
      if (!inScope.test(id)) {
        continue;
      }
      Doc doc = docs.get(id);
      int[] frequency = new int[coded.size()];
      for (int p = 0; p < coded.size(); p++) {
        frequency[p] = occurrences(doc, coded.get(p));
        if (frequency[p] == 0) {
          continue candidates;
        }
      }
      if (idf == null) {
        idf = inverseDocumentFrequencies(coded);
      }
      double score = 0;
      double norm = K1 * (1 - B + B * doc.length() / averageLength);
      for (int p = 0; p < coded.size(); p++) {
        score += idf[p] * frequency[p] * (K1 + 1) / (frequency[p] + norm);
      }
      out.add(new Match(id, Math.round(score * 1000)));
    }
    return out;
  }

  private double[] inverseDocumentFrequencies(List<int[]> phrases) {
    double n = docs.size();
    double[] idf = new double[phrases.size()];
    for (int p = 0; p < phrases.size(); p++) {
      double containing = documentFrequency(phrases.get(p), Integer.MAX_VALUE);
      double value = Math.log((n - containing + 0.5) / (containing + 0.5));
      idf[p] = value > 0 ? value : 1e-6;
    }
    return idf;
  }

  /**
   * How many handoffs, in any project, contain the phrase; counting stops at {@code cap}, since
   * callers that pass one only need to know whether it is reached.
   */
  private int documentFrequency(int[] phrase, int cap) {
    if (phrase.length == 1) {
      return postings.get(phrase[0]).size();
    }
    List<Set<HandoffId>> sets = new ArrayList<>();
    for (int term : phrase) {
      sets.add(postings.get(term));
    }
    sets.sort(Comparator.comparingInt(Set::size));
    int count = 0;
    candidates:
    for (HandoffId id : sets.get(0)) {
      for (int s = 1; s < sets.size(); s++) {
        if (!sets.get(s).contains(id)) {
          continue candidates;
        }
      }
      if (occurrences(docs.get(id), phrase) > 0 && ++count >= cap) {
        break;
      }
    }
    return count;
  }

  private static int occurrences(Doc doc, int[] phrase) {
    return occurrences(doc.title(), phrase)
        + occurrences(doc.content(), phrase)
        + occurrences(doc.tags(), phrase);
  }

  private static int occurrences(int[] column, int[] phrase) {
    int first = phrase[0];
    int count = 0;
    for (int i = 0, last = column.length - phrase.length; i <= last; i++) {
      if (column[i] != first) {
        continue;
      }
      int j = 1;
      while (j < phrase.length && column[i + j] == phrase[j]) {
        j++;
      }
      if (j == phrase.length) {
        count++;
      }
    }
    return count;
  }

  /**
   * A short extract of {@code content}: the window of {@link #SNIPPET_TOKENS} tokens that holds the
   * most distinct phrases (then the most matches), centred on its matches, with each match in
   * {@code [} {@code ]} and {@code …} where text is cut. Without a match in the content, the start
   * of the content without brackets.
   */
  static String snippet(String content, List<List<String>> phrases) {
    Tokens tokens = Tokens.of(content);
    int n = tokens.size();
    if (n == 0) {
      return content;
    }
    List<int[]> matches = new ArrayList<>(); // {first token, end token, phrase}
    for (int p = 0; p < phrases.size(); p++) {
      List<String> phrase = phrases.get(p);
      if (phrase.isEmpty()) {
        continue;
      }
      outer:
      for (int i = 0; i + phrase.size() <= n; i++) {
        for (int j = 0; j < phrase.size(); j++) {
          if (!tokens.keys()[i + j].equals(phrase.get(j))) {
            continue outer;
          }
        }
        matches.add(new int[] {i, i + phrase.size(), p});
      }
    }
    int start = 0;
    if (!matches.isEmpty()) {
      matches.sort(Comparator.comparingInt((int[] m) -> m[0]).thenComparingInt(m -> m[1]));
      int bestScore = -1;
      int first = 0;
      int last = 0;
      for (int[] anchor : matches) {
        int from = anchor[0];
        int to = from + SNIPPET_TOKENS;
        Set<Integer> seen = new HashSet<>();
        int score = 0;
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int[] m : matches) {
          if (m[0] >= from && m[1] <= to) {
            score += seen.add(m[2]) ? 1000 : 1;
            lo = Math.min(lo, m[0]);
            hi = Math.max(hi, m[1]);
          }
        }
        if (score > bestScore) {
          bestScore = score;
          first = lo;
          last = hi;
        }
      }
      // Centre the matches in the window as FTS5 does (its iLast is inclusive, hence last - 1),
      // without running past either end.
      start = first - Math.max(0, SNIPPET_TOKENS - (last - 1 - first)) / 2;
      start = Math.max(0, Math.min(start, n - SNIPPET_TOKENS));
    }
    int end = Math.min(n, start + SNIPPET_TOKENS);
    boolean[] open = new boolean[n + 1];
    boolean[] close = new boolean[n + 1];
    int reach = -1;
    for (int[] m : matches) {
      int a = Math.max(m[0], start);
      int b = Math.min(m[1], end);
      if (a >= b) {
        continue;
      }
      if (a < reach) {
        // Overlaps the previous match: widen its brackets instead of nesting new ones.
        if (b > reach) {
          close[reach - 1] = false;
          close[b - 1] = true;
          reach = b;
        }
        continue;
      }
      open[a] = true;
      close[b - 1] = true;
      reach = b;
    }
    StringBuilder out = new StringBuilder();
    if (start > 0) {
      out.append('…');
    }
    int cursor = start == 0 ? 0 : tokens.starts()[start];
    for (int i = start; i < end; i++) {
      out.append(content, cursor, tokens.starts()[i]);
      if (open[i]) {
        out.append('[');
      }
      out.append(content, tokens.starts()[i], tokens.ends()[i]);
      if (close[i]) {
        out.append(']');
      }
      cursor = tokens.ends()[i];
    }
    if (end < n) {
      out.append('…');
    } else {
      out.append(content, cursor, content.length());
    }
    return out.toString();
  }
}
