package dev.zoo.rnn;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Tokenizer;
import java.util.Map;

/**
 * How a language model's {@link Tokenizer} is kept in {@code model.json}'s family-specific values:
 * its kind under {@code tokenizer} and its text under {@code vocabulary}. Checkpoints written
 * before the kind was recorded hold a character vocabulary.
 */
final class StoredTokenizer {

  /** The key of the serialised tokenizer. */
  static final String VOCABULARY = "vocabulary";

  /** The key of the tokenizer's kind. */
  static final String KIND = "tokenizer";

  private StoredTokenizer() {}

  /** The values that record {@code tokenizer}. */
  static Map<String, Object> extra(Tokenizer tokenizer) {
    return Map.of(KIND, tokenizer.kind(), VOCABULARY, tokenizer.serialise());
  }

  /**
   * The tokenizer a language-model checkpoint stores.
   *
   * @throws CheckpointException when it has none, or a damaged one
   */
  static Tokenizer of(Checkpoint checkpoint) {
    return of(checkpoint.info().extra(), "Checkpoint " + checkpoint.dir());
  }

  /**
   * The tokenizer a model's description holds.
   *
   * @throws CheckpointException when it has none, or a damaged one
   */
  static Tokenizer of(ModelDescription description) {
    return of(description.extra(), "The " + description.variant() + " model");
  }

  private static Tokenizer of(Map<String, Object> extra, String what) {
    Object serialised = extra == null ? null : extra.get(VOCABULARY);
    if (!(serialised instanceof String text) || text.isBlank()) {
      throw new CheckpointException(what + " has no vocabulary.");
    }
    Object kind = extra.getOrDefault(KIND, CharVocabulary.KIND);
    try {
      return Tokenizer.parse(String.valueOf(kind), text);
    } catch (InvalidDataException e) {
      throw new CheckpointException(what + " has a damaged vocabulary.", e);
    }
  }
}
