package dev.zoo.transformer;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.text.BytePairEncoding;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;

/** Makes tokenizers for new models and reads them back from checkpoints. */
final class Tokenizers {

  private Tokenizers() {}

  /**
   * The tokenizer a new model of {@code variant} learns from {@code corpus}: its characters for
   * {@code char-gpt} (all of the corpus, so that validation has no unknown ones), byte-pair merges
   * of its training part up to {@code vocab_size} for {@code bpe-gpt}.
   */
  static Tokenizer learn(String variant, Hyperparameters hp, Corpus corpus) {
    if (TransformerFamily.BPE_GPT.equals(variant)) {
      return new BpeTokenizer(
          BytePairEncoding.train(corpus.split(0.1).trainText(), hp.getInt("vocab_size")));
    }
    return new CharTokenizer(CharVocabulary.of(corpus.text()));
  }

  /** The tokenizer of {@code kind} that {@link Tokenizer#serialise()} wrote as {@code text}. */
  static Tokenizer parse(String kind, String text) {
    if (CharTokenizer.KIND.equals(kind)) {
      return new CharTokenizer(CharVocabulary.parse(text));
    }
    if (BpeTokenizer.KIND.equals(kind)) {
      return new BpeTokenizer(BytePairEncoding.parse(text));
    }
    throw new ZooException("The checkpoint's tokenizer '" + kind + "' is unknown to this version.");
  }
}
