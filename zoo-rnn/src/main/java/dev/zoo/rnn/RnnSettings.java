package dev.zoo.rnn;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import java.util.List;

/**
 * The checks of the family's own hyper-parameters, made before anything is built or loaded. The
 * training settings every family shares (epochs, batch size, optimizer, schedule) are checked by
 * the zoo where they are set.
 */
final class RnnSettings {

  private RnnSettings() {}

  /**
   * Refuses language-model settings no run can use.
   *
   * @throws InvalidSettingException naming the first bad value
   */
  static void checkLanguageModel(Hyperparameters hp) {
    checkNetwork(hp);
    for (String name : List.of("context", "epoch_windows", "eval_windows", "embedding")) {
      positive(hp, name);
    }
  }

  /**
   * Refuses forecaster settings no run can use.
   *
   * @throws InvalidSettingException naming the first bad value
   */
  static void checkForecaster(Hyperparameters hp) {
    checkNetwork(hp);
    positive(hp, "horizon");
    positive(hp, "context");
    double fraction = hp.getDouble("test_fraction");
    if (!(fraction > 0 && fraction < 1)) {
      throw new InvalidSettingException(
          "test_fraction must be between 0 and 1, not " + fraction + ".");
    }
  }

  private static void checkNetwork(Hyperparameters hp) {
    positive(hp, "hidden");
    positive(hp, "layers");
    double dropout = hp.getDouble("dropout");
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidSettingException(
          "Dropout must be at least 0 and below 1, not " + dropout + ".");
    }
  }

  private static void positive(Hyperparameters hp, String name) {
    if (hp.getInt(name) <= 0) {
      throw new InvalidSettingException(
          "Hyper-parameter " + name + " must be a positive number, not " + hp.getInt(name) + ".");
    }
  }
}
