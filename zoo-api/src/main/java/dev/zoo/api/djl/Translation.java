package dev.zoo.api.djl;

import ai.djl.translate.Translator;

/**
 * A translator a family offers to DJL, with the classes it takes and gives.
 *
 * @param input what {@code Predictor.predict} takes, e.g. {@code ai.djl.modality.cv.Image}
 * @param output what it returns, e.g. {@code ai.djl.modality.Classifications}
 * @param translator turns an input into the network's input and its output into a result
 * @param <I> the input type
 * @param <O> the output type
 */
public record Translation<I, O>(Class<I> input, Class<O> output, Translator<I, O> translator) {

  /** Whether this translation takes {@code in} and gives {@code out}. */
  public boolean serves(Class<?> in, Class<?> out) {
    return input.equals(in) && output.equals(out);
  }
}
