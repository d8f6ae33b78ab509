package dev.zoo.transformer;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.text.BytePairEncoding;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.Tokenizer;

/** The tokenizer a new model of the family learns from text. */
final class Tokenizers {

  private Tokenizers() {}

  /**
   * The tokenizer of a new model of {@code variant}: byte-level byte-pair merges of {@code
   * training} up to {@code vocab_size} tokens for {@code bpe-gpt}, else every character of {@code
   * all}. A character model learns from all the text, so that validation holds no character it has
   * never seen; byte pairs come from the training text alone, so that validation stays unseen text
   * (and every text encodes to bytes anyway).
   *
   * @param all every text the model will see, validation included
   * @param training the part it trains on
   * @throws dev.zoo.api.common.InvalidDataException when the text is empty or {@code vocab_size}
   *     leaves no room for a merge
   */
  static Tokenizer learn(String variant, Hyperparameters hp, Corpus all, Corpus training) {
    if (TransformerFamily.BPE_GPT.equals(variant)) {
      return BytePairEncoding.train(training.text(), hp.getInt("vocab_size"));
    }
    return CharVocabulary.of(all.text());
  }
}
