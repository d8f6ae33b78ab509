package dev.zoo.vae;

import dev.zoo.api.Reportable;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zoo eval vae} prints: the negative ELBO and its terms on the test set, nats per image
 * (over the classes the model was trained on when one was held out), and the held-out class's
 * ROC-AUC.
 *
 * @param variant the model's variant
 * @param checkpoint the checkpoint directory
 * @param engine the engine it ran on
 * @param data where the test data came from
 * @param result the measurement
 * @param heldOut the held-out class's name, or null
 */
record VaeEvaluation(
    String variant,
    String checkpoint,
    String engine,
    String data,
    TestResult result,
    String heldOut)
    implements Reportable {

  /**
   * Measures {@code model} on the test split of {@code data}.
   *
   * @throws dev.zoo.api.common.InvalidDataException when the test images do not fit the model, or
   *     lack the held-out class or the others
   * @throws dev.zoo.api.common.InvalidSettingException when the data has no class of the saved
   *     {@code holdout_class}
   */
  static VaeEvaluation measure(VariationalAutoencoder model, Checkpoint cp, DataSplits data) {
    int heldOut =
        Holdout.resolve(model.hyperparameters().get("holdout_class"), data.test().classNames());
    return new VaeEvaluation(
        model.variant(),
        cp.dir().toString(),
        model.engine().backend().name(),
        data.origin(),
        TestResult.measure(model, data.test(), heldOut),
        heldOut >= 0 ? data.test().classNames().get(heldOut) : null);
  }

  @Override
  public String toText() {
    ElboTerms terms = result.terms();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Evaluated vae/%s from %s on %d test images%s.%n",
            variant,
            checkpoint,
            result.images(),
            heldOut != null ? " of the classes it was trained on" : ""));
    text.append(
        String.format(
            Locale.ROOT,
            "negative ELBO  %.3f nats per image%nreconstruction %.3f%nKL             %.3f%n",
            terms.negativeElbo(),
            terms.reconstruction(),
            terms.kl()));
    if (heldOut != null) {
      text.append(
          String.format(
              Locale.ROOT, "held-out class %s: ROC-AUC %.4f%n", heldOut, result.holdoutAuc()));
    }
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> json = new LinkedHashMap<>(result.terms().toMap());
    json.put("images", result.images());
    if (heldOut != null) {
      json.put("holdout_class", heldOut);
      json.put("holdout_auc", result.holdoutAuc());
    }
    json.put("checkpoint", checkpoint);
    json.put("variant", variant);
    json.put("engine", engine);
    json.put("data", data);
    return json;
  }
}
