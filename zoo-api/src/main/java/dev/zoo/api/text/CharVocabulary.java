package dev.zoo.api.text;

import dev.zoo.api.common.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The characters (Unicode code points) a character-level model knows, each with an index. Stored in
 * a checkpoint as text ({@link #serialise()}), so a loaded model maps text exactly as before.
 */
public final class CharVocabulary implements Tokenizer {

  /** The tokenizer kind of a character vocabulary. */
  public static final String KIND = "char";

  private final int[] codePoints;
  private final Map<Integer, Integer> index = new HashMap<>();

  private CharVocabulary(int[] codePoints) {
    this.codePoints = codePoints;
    for (int i = 0; i < codePoints.length; i++) {
      index.put(codePoints[i], i);
    }
  }

  /** The sorted distinct characters of {@code text}. */
  public static CharVocabulary of(String text) {
    TreeSet<Integer> set = new TreeSet<>();
    text.codePoints().forEach(set::add);
    if (set.isEmpty()) {
      throw new InvalidDataException("Cannot build a vocabulary from empty text.");
    }
    return new CharVocabulary(set.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Reads what {@link #serialise()} wrote: distinct Unicode code points separated by white space.
   *
   * @throws InvalidDataException when an entry is not a number, not a code point, or repeated
   */
  public static CharVocabulary parse(String serialised) {
    String[] parts = serialised.trim().split("\\s+");
    int[] cps = new int[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        cps[i] = Integer.parseInt(parts[i]);
      }
    } catch (NumberFormatException e) {
      throw new InvalidDataException("The checkpoint's vocabulary is damaged.", e);
    }
    CharVocabulary vocabulary = new CharVocabulary(cps);
    for (int i = 0; i < cps.length; i++) {
      if (!Character.isValidCodePoint(cps[i]) || vocabulary.index.get(cps[i]) != i) {
        throw new InvalidDataException(
            "The checkpoint's vocabulary is damaged (entry "
                + (i + 1)
                + ", "
                + parts[i]
                + ", is "
                + (Character.isValidCodePoint(cps[i]) ? "repeated" : "not a character")
                + ").");
      }
    }
    return vocabulary;
  }

  /** The code points in index order, separated by spaces. */
  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public byte[] bytes(int token) {
    return decode(token).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String serialise() {
    return Arrays.stream(codePoints).mapToObj(Integer::toString).collect(Collectors.joining(" "));
  }

  /** The number of characters. */
  @Override
  public int size() {
    return codePoints.length;
  }

  /** Whether the vocabulary has the character. */
  public boolean contains(int codePoint) {
    return index.containsKey(codePoint);
  }

  /** The index of a character, or -1. */
  public int indexOf(int codePoint) {
    return index.getOrDefault(codePoint, -1);
  }

  /** The character at an index, as a string. */
  public String decode(int idx) {
    return new String(Character.toChars(codePoints[idx]));
  }

  /** The characters at the indices, as a string. */
  @Override
  public String decode(int[] indices) {
    StringBuilder sb = new StringBuilder();
    for (int i : indices) {
      sb.appendCodePoint(codePoints[i]);
    }
    return sb.toString();
  }

  /** Encodes text whose characters are all known (e.g. the training text). */
  public int[] encode(String text) {
    return encode(
        text,
        unknown -> {
          throw new InvalidDataException(
              "The text has characters outside the vocabulary: " + unknown);
        });
  }

  /**
   * Encodes text, dropping characters the vocabulary lacks; if any were dropped, {@code warning}
   * gets one sentence naming them.
   */
  @Override
  public int[] encode(String text, Consumer<String> warning) {
    int[] out = new int[text.codePointCount(0, text.length())];
    int n = 0;
    TreeSet<Integer> unknown = new TreeSet<>();
    for (int cp : text.codePoints().toArray()) {
      Integer i = index.get(cp);
      if (i == null) {
        unknown.add(cp);
      } else {
        out[n++] = i;
      }
    }
    if (!unknown.isEmpty()) {
      List<String> shown = new ArrayList<>();
      for (int cp : unknown) {
        shown.add(
            Character.isISOControl(cp)
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'");
      }
      warning.accept(
          "skipped "
              + unknown.size()
              + " character(s) the model has never seen: "
              + String.join(" ", shown)
              + ".");
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Bits per character of {@code validation} under the unigram (character frequency) model of
   * {@code train}, with add-one smoothing: the baseline a language model must beat.
   */
  public double unigramBits(int[] train, int[] validation) {
    double[] counts = new double[size()];
    Arrays.fill(counts, 1);
    for (int t : train) {
      counts[t]++;
    }
    double total = Arrays.stream(counts).sum();
    double bits = 0;
    for (int v : validation) {
      bits -= Math.log(counts[v] / total) / Math.log(2);
    }
    return bits / Math.max(1, validation.length);
  }
}
