package dev.zoo.transformer;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.text.Tokenizer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Text prepared for a language model: training windows, the validation tokens the model is measured
 * on (at most {@link #MAX_VALIDATION_TOKENS}), and the unigram baseline on the same tokens in bits
 * per character.
 */
final class LanguageData {

  /** Validation is measured on at most this many tokens, to keep each epoch's check short. */
  static final int MAX_VALIDATION_TOKENS = 32_768;

  private final Corpus source;
  private final TokenWindows train;
  private final int[] validation;
  private final double unigramBits;
  private final long validationCharacters;
  private final long trainCharacters;

  private LanguageData(
      Corpus source,
      TokenWindows train,
      int[] validation,
      double unigramBits,
      long validationCharacters,
      long trainCharacters) {
    this.source = source;
    this.train = train;
    this.validation = validation;
    this.unigramBits = unigramBits;
    this.validationCharacters = validationCharacters;
    this.trainCharacters = trainCharacters;
  }

  /**
   * The training and validation parts of a corpus, every tenth record held out, as every command of
   * the family splits it.
   *
   * @param train the records to learn from
   * @param validation the held-out records
   */
  record Parts(Corpus train, Corpus validation) {

    /**
     * Splits {@code corpus}.
     *
     * @throws InvalidDataException when it has too few records for both parts
     */
    static Parts of(Corpus corpus) {
      Corpus.Split split = corpus.split(0.1);
      return new Parts(
          Corpus.of(split.train(), corpus.origin()),
          Corpus.of(split.validation(), corpus.origin()));
    }

    /** See {@link LanguageData#of}. */
    LanguageData data(Tokenizer tokenizer, int context, Integer limit, Consumer<String> warning) {
      return LanguageData.of(train, validation, tokenizer, context, limit, warning);
    }
  }

  /**
   * Encodes both corpora and cuts the training tokens into windows of {@code context}; {@code
   * limit}, when not null, keeps only that many training windows.
   *
   * @param warning hears one sentence about characters the tokenizer dropped
   * @throws InvalidDataException when the training text is shorter than one window or the
   *     validation text shorter than two tokens
   */
  static LanguageData of(
      Corpus train,
      Corpus validation,
      Tokenizer tokenizer,
      int context,
      Integer limit,
      Consumer<String> warning) {
    String trainText = train.text();
    int[] trainTokens = tokenizer.encode(trainText, warning);
    int[] validTokens = tokenizer.encode(validation.text(), warning);
    if (limit != null) {
      trainTokens = Arrays.copyOf(trainTokens, Math.min(trainTokens.length, limit * context + 1));
    }
    if (validTokens.length < 2) {
      throw new InvalidDataException(
          "The validation part of " + validation.origin() + " is too short.");
    }
    int[] kept =
        Arrays.copyOf(validTokens, Math.min(validTokens.length, MAX_VALIDATION_TOKENS + 1));
    TokenWindows windows = new TokenWindows(trainTokens, context);
    return new LanguageData(
        train,
        windows,
        kept,
        unigramBits(trainTokens, kept, tokenizer),
        characters(tokenizer, kept, 1, kept.length),
        trainText.codePointCount(0, trainText.length()));
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

  /** The characters (UTF-8 lead bytes) that {@code tokens[from..to)} stand for, at least 1. */
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

  /** The training corpus, for the model's provenance. */
  Corpus source() {
    return source;
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
}
