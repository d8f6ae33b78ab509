package dev.zoo.api.model;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.Tokenizer;
import java.util.function.Function;

/**
 * The settings of a builder for a new, untrained text model: those of {@link ModelBuilder} plus
 * where its tokenizer comes from, learned from a corpus when the model is built ({@link
 * #vocabularyFrom}) or given ready-made ({@link #tokenizer}). A family's builder extends it and
 * adds {@code build()}.
 *
 * @param <B> the family's builder, returned by every setter
 */
public abstract class TextModelBuilder<B extends TextModelBuilder<B>> extends ModelBuilder<B> {

  private Corpus corpus;
  private Tokenizer tokenizer;

  /** A builder of a model of {@code family}, starting from {@code variant} (null: the default). */
  protected TextModelBuilder(ModelFamily family, String variant) {
    super(family, variant);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Learns the model's tokenizer from {@code text} when the model is built. */
  public B vocabularyFrom(Corpus text) {
    this.corpus = text;
    return self();
  }

  /** Uses {@code value} as the model's tokenizer (e.g. one read from another model). */
  public B tokenizer(Tokenizer value) {
    this.tokenizer = value;
    return self();
  }

  /** The corpus given to {@link #vocabularyFrom}, or null. */
  protected Corpus corpus() {
    return corpus;
  }

  /**
   * The tokenizer given, else the one {@code learn} makes from the corpus given.
   *
   * @param what the model, for the message, e.g. {@code "A language model"}
   * @throws InvalidSettingException when neither was given
   */
  protected Tokenizer tokenizer(String what, Function<Corpus, Tokenizer> learn) {
    if (tokenizer != null) {
      return tokenizer;
    }
    if (corpus == null) {
      throw new InvalidSettingException(
          what
              + " needs a vocabulary: call vocabularyFrom(corpus) or tokenizer(...) before"
              + " build().");
    }
    return learn.apply(corpus);
  }
}
