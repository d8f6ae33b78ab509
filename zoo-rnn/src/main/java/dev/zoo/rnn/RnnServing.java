package dev.zoo.rnn;

import ai.djl.Application;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.ArgumentsUtil;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.djl.DjlServing;
import dev.zoo.api.djl.Translation;
import java.util.List;
import java.util.Map;

/**
 * Serves the RNN family's pretrained character language models to DJL: the network of {@link
 * CharLanguageModel} and a translator from a prompt ({@code String}) to its continuation ({@code
 * String}), drawn as {@link CharLanguageModel#generate} draws it. The criteria's arguments set the
 * sampling: {@code length} (characters, default {@value #DEFAULT_LENGTH}), {@code temperature}
 * (default 1), {@code top_k} (0: all), {@code top_p} (1: all) and {@code seed} (default the
 * model's); every prediction starts from that seed, so the same prompt gives the same text.
 */
public final class RnnServing implements DjlServing {

  /** The number of characters generated when the criteria gives no {@code length}. */
  public static final int DEFAULT_LENGTH = LanguageModelRun.DEFAULT_LENGTH;

  /** Creates the service; found with {@link java.util.ServiceLoader}. */
  public RnnServing() {}

  @Override
  public String family() {
    return RnnFamily.NAME;
  }

  @Override
  public Application application() {
    return Application.NLP.TEXT_GENERATION;
  }

  /** The recurrent network, initialised for one window {@code (1, context)} of tokens. */
  @Override
  public Network network(ModelDescription description, NDManager manager) {
    CharRnnNet net = CharLanguageModel.network(description, StoredTokenizer.of(description).size());
    net.initialize(
        manager, DataType.FLOAT32, new Shape(1, description.hyperparameters().getInt("context")));
    return Network.of(net);
  }

  /** A prompt-to-text translator for a language model; none for a forecaster. */
  @Override
  public List<Translation<?, ?>> translations(
      ModelDescription description, Map<String, ?> arguments) {
    if (!new RnnFamily().isLanguageModel(description.variant())) {
      return List.of();
    }
    int length = ArgumentsUtil.intValue(arguments, "length", DEFAULT_LENGTH);
    if (length <= 0) {
      throw new InvalidSettingException("Length must be a positive number, not " + length + ".");
    }
    TextGenerationTranslator.Sampling sampling =
        new TextGenerationTranslator.Sampling(
            ArgumentsUtil.floatValue(arguments, "temperature", 1f),
            ArgumentsUtil.intValue(arguments, "top_k", 0),
            ArgumentsUtil.floatValue(arguments, "top_p", 1f),
            ArgumentsUtil.longValue(arguments, "seed", description.seed()));
    sampling.sampler(); // refuses a value out of range now rather than at the first prediction
    return List.of(
        new Translation<>(
            String.class,
            String.class,
            new TextGenerationTranslator(StoredTokenizer.of(description), length, sampling)));
  }
}
