package dev.zoo.transformer;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenWindows;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A corpus prepared for a language model: training windows, the validation tokens the model is
 * measured on (at most {@link #MAX_VALIDATION_TOKENS}), and the unigram baseline on the same tokens
 * in bits per character.
 */
final class LanguageData {

  /** Validation is measured on at most this many tokens, to keep each epoch's check short. */
  static final int MAX_VALIDATION_TOKENS = 32_768;

  private final TokenWindows train;
  private final int[] validation;
  private final double unigramBits;
  private final long validationCharacters;
  private final long trainCharacters;
  private final String origin;
  private final boolean embedded;

  private LanguageData(
      TokenWindows train,
      int[] validation,
      double unigramBits,
      long validationCharacters,
      long trainCharacters,
      String origin,
      boolean embedded) {
    this.train = train;
    this.validation = validation;
    this.unigramBits = unigramBits;
    this.validationCharacters = validationCharacters;
    this.trainCharacters = trainCharacters;
    this.origin = origin;
    this.embedded = embedded;
  }

  /**
   * Splits {@code corpus} (every tenth record held out), encodes both parts and cuts the training
   * tokens into windows of {@code context}; {@code limit}, when not null, keeps only that many
   * training windows.
   */
  static LanguageData of(
      Corpus corpus, Tokenizer tokenizer, int context, Integer limit, Consumer<String> warning) {
    Corpus.Split split = corpus.split(0.1);
    String trainText = split.trainText();
    int[] trainTokens = tokenizer.encode(trainText, warning);
    int[] validTokens = tokenizer.encode(split.validationText(), warning);
    if (limit != null) {
      trainTokens = Arrays.copyOf(trainTokens, Math.min(trainTokens.length, limit * context + 1));
    }
    if (validTokens.length < 2) {
      throw new ZooException("The validation part of " + corpus.origin() + " is too short.");
    }
    int[] validation =
        Arrays.copyOf(validTokens, Math.min(validTokens.length, MAX_VALIDATION_TOKENS + 1));
    TokenWindows windows = new TokenWindows(trainTokens, context);
    return new LanguageData(
        windows,
        validation,
        unigramBits(trainTokens, validation, tokenizer),
        characters(tokenizer, validation, 1, validation.length),
        trainText.codePointCount(0, trainText.length()),
        corpus.origin(),
        corpus.isEmbedded());
  }

  /**
   * Bits per character of the targets {@code validation[1..]} under the token frequencies of {@code
   * train} with add-one smoothing.
   */
  private static double unigramBits(int[] train, int[] validation, Tokenizer tokenizer) {
    double[] counts = new double[tokenizer.size()];
    Arrays.fill(counts, 1);
    for (int t : train) {
      counts[t]++;
    }
    double total = Arrays.stream(counts).sum();
    double bits = 0;
    for (int i = 1; i < validation.length; i++) {
      bits -= Math.log(counts[validation[i]] / total);
    }
    return bits / Math.log(2) / characters(tokenizer, validation, 1, validation.length);
  }

  /** The characters (UTF-8 lead bytes) that {@code tokens[from..to)} stand for. */
  static long characters(Tokenizer tokenizer, int[] tokens, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      for (byte b : tokenizer.bytes(tokens[i])) {
        if ((b & 0xC0) != 0x80) {
          n++;
        }
      }
    }
    return Math.max(1, n);
  }

  TokenWindows train() {
    return train;
  }

  int[] validation() {
    return validation;
  }

  double unigramBits() {
    return unigramBits;
  }

  long validationCharacters() {
    return validationCharacters;
  }

  long trainCharacters() {
    return trainCharacters;
  }

  String origin() {
    return origin;
  }

  boolean embedded() {
    return embedded;
  }
}
