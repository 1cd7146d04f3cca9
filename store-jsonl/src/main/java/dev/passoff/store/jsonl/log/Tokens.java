package dev.passoff.store.jsonl.log;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a text as search sees them: runs of letters, digits, private-use characters and
 * combining marks; everything else separates tokens. Each token is folded to lower case without
 * diacritics, so {@code Café} and {@code CAFE} are the same token. Tokens that fold to nothing (a
 * lone combining mark) are dropped.
 *
 * @param starts where each token starts in the text (a UTF-16 index)
 * @param ends where each token ends in the text, exclusive
 * @param keys each token folded
 */
record Tokens(int[] starts, int[] ends, String[] keys) {

  /** The number of tokens. */
  int size() {
    return keys.length;
  }

  /** The tokens of a text with where they sit in it. */
  static Tokens of(String text) {
    int n = text.length();
    int[] starts = new int[16];
    int[] ends = new int[16];
    String[] keys = new String[16];
    int count = 0;
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!isTokenChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      boolean ascii = true;
      while (i < n) {
        char c = text.charAt(i);
        if (c < 0x80) {
          // Most text is ASCII: decide without a Unicode table look-up.
          if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
            break;
          }
          i++;
          continue;
        }
        cp = text.codePointAt(i);
        if (!isTokenChar(cp)) {
          break;
        }
        ascii = false;
        i += Character.charCount(cp);
      }
      String key = fold(text.substring(start, i), ascii);
      if (key.isEmpty()) {
        continue;
      }
      if (count == keys.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
        keys = Arrays.copyOf(keys, count * 2);
      }
      starts[count] = start;
      ends[count] = i;
      keys[count] = key;
      count++;
    }
    return new Tokens(
        Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), Arrays.copyOf(keys, count));
  }

  /** Only the folded tokens of a text, in order. */
  static List<String> keysOf(String text) {
    return new ArrayList<>(Arrays.asList(of(text).keys()));
  }

  private static String fold(String token, boolean ascii) {
    if (ascii) {
      return token.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(token.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(cp -> !isMark(Character.getType(cp)))
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isTokenChar(int cp) {
    int type = Character.getType(cp);
    return switch (type) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.PRIVATE_USE ->
          true;
      default -> isMark(type);
    };
  }

  private static boolean isMark(int type) {
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
