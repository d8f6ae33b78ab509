package dev.zoo.api.text;

import dev.zoo.api.common.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-level byte-pair encoding learned from a text: tokens 0-255 are the bytes, every further
 * token is a learned merge of two earlier tokens. Any UTF-8 text encodes (there are no unknown
 * characters) and decodes back to the same bytes. Merges never cross the boundaries of GPT-2-style
 * pieces (a word with its leading space, a number, a run of punctuation or spaces), which keeps
 * training fast and tokens meaningful.
 */
public final class BytePairEncoding implements Tokenizer {

  /** The tokenizer kind of byte-level byte-pair encoding. */
  public static final String KIND = "bpe";

  /** The number of byte tokens every vocabulary starts with. */
  public static final int BYTES = 256;

  private static final String FORMAT = "zoo-bpe/1";
  private static final Pattern PIECES =
      Pattern.compile(" ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private final int[][] merges;
  private final Map<Long, Integer> rank = new HashMap<>();
  private final byte[][] tokenBytes;
  private final Map<String, int[]> cache = new HashMap<>();

  private BytePairEncoding(int[][] merges) {
    this.merges = merges;
    this.tokenBytes = new byte[BYTES + merges.length][];
    for (int b = 0; b < BYTES; b++) {
      tokenBytes[b] = new byte[] {(byte) b};
    }
    for (int i = 0; i < merges.length; i++) {
      int a = merges[i][0];
      int b = merges[i][1];
      if (a < 0 || b < 0 || a >= BYTES + i || b >= BYTES + i) {
        throw new InvalidDataException("The byte-pair merges are damaged (merge " + (i + 1) + ").");
      }
      rank.put(pair(a, b), i);
      byte[] joined = Arrays.copyOf(tokenBytes[a], tokenBytes[a].length + tokenBytes[b].length);
      System.arraycopy(tokenBytes[b], 0, joined, tokenBytes[a].length, tokenBytes[b].length);
      tokenBytes[BYTES + i] = joined;
    }
  }

  /**
   * Learns merges from {@code text} until the vocabulary has {@code vocabularySize} tokens, or no
   * pair of tokens occurs twice any more.
   *
   * @throws InvalidDataException when {@code vocabularySize} leaves no room for a merge (256 or
   *     less)
   */
  public static BytePairEncoding train(String text, int vocabularySize) {
    if (vocabularySize <= BYTES) {
      throw new InvalidDataException(
          "A byte-level BPE vocabulary needs more than "
              + BYTES
              + " tokens (one per byte, plus merges), not "
              + vocabularySize
              + ".");
    }
    Map<String, Integer> counts = new HashMap<>();
    Matcher m = PIECES.matcher(text);
    while (m.find()) {
      counts.merge(m.group(), 1, Integer::sum);
    }
    List<int[]> words = new ArrayList<>();
    List<Integer> frequency = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] symbols = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = bytes[i] & 0xFF;
      }
      words.add(symbols);
      frequency.add(e.getValue());
    }
    List<int[]> merges = new ArrayList<>();
    while (BYTES + merges.size() < vocabularySize) {
      Map<Long, Integer> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        int[] s = words.get(w);
        for (int i = 0; i + 1 < s.length; i++) {
          pairs.merge(pair(s[i], s[i + 1]), frequency.get(w), Integer::sum);
        }
      }
      long best = -1;
      int bestCount = 1;
      for (Map.Entry<Long, Integer> e : pairs.entrySet()) {
        // Ties go to the smaller pair, so that training is deterministic.
        if (e.getValue() > bestCount
            || (e.getValue() == bestCount && best >= 0 && e.getKey() < best)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best < 0) {
        break;
      }
      int a = (int) (best >>> 32);
      int b = (int) best;
      int merged = BYTES + merges.size();
      merges.add(new int[] {a, b});
      for (int w = 0; w < words.size(); w++) {
        words.set(w, replace(words.get(w), a, b, merged));
      }
    }
    return new BytePairEncoding(merges.toArray(new int[0][]));
  }

  /** Reads what {@link #serialise()} wrote. */
  public static BytePairEncoding parse(String serialised) {
    String[] lines = serialised.split("\n");
    if (lines.length == 0 || !lines[0].equals(FORMAT)) {
      throw new InvalidDataException(
          "The byte-pair merges are damaged (no " + FORMAT + " header).");
    }
    int[][] merges = new int[lines.length - 1][];
    try {
      for (int i = 1; i < lines.length; i++) {
        String[] parts = lines[i].trim().split(" ");
        merges[i - 1] = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
      }
    } catch (RuntimeException e) {
      throw new InvalidDataException("The byte-pair merges are damaged.", e);
    }
    return new BytePairEncoding(merges);
  }

  /** The merges as text, one pair of token ids a line after a header. */
  @Override
  public String kind() {
    return KIND;
  }

  /** Encodes text; byte-level BPE represents every text, so {@code warning} is never called. */
  @Override
  public int[] encode(String text, java.util.function.Consumer<String> warning) {
    return encode(text);
  }

  @Override
  public String serialise() {
    StringBuilder sb = new StringBuilder(FORMAT).append('\n');
    for (int[] merge : merges) {
      sb.append(merge[0]).append(' ').append(merge[1]).append('\n');
    }
    return sb.toString();
  }

  /** The number of tokens: 256 bytes plus the merges. */
  @Override
  public int size() {
    return tokenBytes.length;
  }

  /** The tokens of {@code text}. */
  public int[] encode(String text) {
    List<int[]> parts = new ArrayList<>();
    int total = 0;
    Matcher m = PIECES.matcher(text);
    while (m.find()) {
      int[] tokens = cache.computeIfAbsent(m.group(), this::encodePiece);
      parts.add(tokens);
      total += tokens.length;
    }
    int[] out = new int[total];
    int n = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, n, p.length);
      n += p.length;
    }
    return out;
  }

  private int[] encodePiece(String piece) {
    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
    int[] s = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      s[i] = bytes[i] & 0xFF;
    }
    while (s.length > 1) {
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < s.length; i++) {
        Integer r = rank.get(pair(s[i], s[i + 1]));
        if (r != null && r < bestRank) {
          bestRank = r;
        }
      }
      if (bestRank == Integer.MAX_VALUE) {
        break;
      }
      s = replace(s, merges[bestRank][0], merges[bestRank][1], BYTES + bestRank);
    }
    return s;
  }

  /** The bytes a token stands for. */
  @Override
  public byte[] bytes(int token) {
    return tokenBytes[token].clone();
  }

  /** The text of {@code tokens}; bytes that are not valid UTF-8 become U+FFFD. */
  @Override
  public String decode(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int t : tokens) {
      out.writeBytes(tokenBytes[t]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static long pair(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  private static int[] replace(int[] s, int a, int b, int merged) {
    int[] out = new int[s.length];
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = s[i];
      }
    }
    return n == s.length ? s : Arrays.copyOf(out, n);
  }
}
