package dev.zoo.transformer;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingLoop;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * What the family's two models share: the tokenizer, saved as {@code tokenizer.txt} and named in
 * {@code model.json}, the network's shape, the checks before training, and the opening of a
 * checkpoint.
 */
abstract class TransformerModel extends BaseModel<Corpus> {

  /** Maps text to the model's tokens and back. */
  protected final Tokenizer tokenizer;

  /** The shape of the network. */
  protected final TransformerConfig config;

  /**
   * Opens the model's native memory once the shape is known to be possible; the description takes
   * the tokenizer's values.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for a shape no transformer can have
   */
  TransformerModel(ModelDescription description, Tokenizer tokenizer) {
    super(checked(description, tokenizer));
    this.tokenizer = tokenizer;
    this.config = TransformerConfig.of(hyperparameters(), tokenizer.size());
  }

  private static ModelDescription checked(ModelDescription description, Tokenizer tokenizer) {
    TransformerConfig.of(description.hyperparameters(), tokenizer.size());
    return description.withExtra(TokenizerFile.extra(tokenizer));
  }

  /**
   * The model {@code create} makes from {@code description} and the checkpoint's tokenizer, with
   * the checkpoint's parameters.
   *
   * @throws dev.zoo.api.common.CheckpointException when the tokenizer or a parameter file does not
   *     fit
   */
  static <M extends TransformerModel> M open(
      Checkpoint checkpoint,
      ModelDescription description,
      BiFunction<ModelDescription, Tokenizer, M> create) {
    return ModelLoader.restored(
        checkpoint, description, d -> create.apply(d, TokenizerFile.read(checkpoint)));
  }

  /**
   * Refuses to train without both corpora, or into a run directory that cannot take the run.
   *
   * @param missing the message when a corpus is missing
   * @throws InvalidDataException when {@code train} or {@code validation} is null
   */
  static void checkFit(
      Corpus train, Corpus validation, Path runDir, FitOptions options, String missing) {
    if (train == null || validation == null) {
      throw new InvalidDataException(missing);
    }
    TrainingLoop.checkRunDirectory(runDir, options.resume());
  }

  @Override
  protected void saveFiles(CheckpointWriter writer) {
    TokenizerFile.write(writer, tokenizer);
  }

  /** The tokenizer that maps text to the model's tokens. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }
}
