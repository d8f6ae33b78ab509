package dev.zoo.cli;

import dev.zoo.api.pretrained.PretrainedModel;
import dev.zoo.api.pretrained.PretrainedModels;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo models}: the pretrained models on the class path with their model cards, without
 * loading natives or unpacking weights.
 */
@Command(
    name = "models",
    description =
        "List the pretrained models (use one with --model NAME in predict, eval, generate...).")
final class ModelsCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Override
  public void run() {
    Session session = root.session;
    List<PretrainedModel> models = PretrainedModels.onClassPath().all();
    if (session.global.json) {
      session.out.println(Json.write(Map.of("models", models)));
      return;
    }
    if (models.isEmpty()) {
      session.out.println(
          "No pretrained models found (the zoo-models jar is not on the class path).");
      return;
    }
    for (PretrainedModel m : models) {
      session.out.printf(
          Locale.ROOT,
          "%-28s %-12s %-12s %,d parameters, %.1f MB%n",
          m.name(),
          m.family(),
          m.variant(),
          m.parameters(),
          m.bytes() / 1e6);
      session.out.printf("  %s%n", m.summary());
      StringBuilder quality = new StringBuilder();
      m.quality()
          .forEach(
              (k, v) ->
                  quality
                      .append(quality.length() == 0 ? "" : ", ")
                      .append(String.format(Locale.ROOT, "%s %.4f", k, v)));
      session.out.printf("  quality: %s (%s)%n", quality, m.measuredBy());
      session.out.printf("  data: %s%n", m.data());
      if (m.trainingSeconds() > 0) {
        session.out.printf(
            Locale.ROOT,
            "  budget: %s; %.0f s on %s%n",
            m.budget(),
            m.trainingSeconds(),
            m.trainedOn());
      } else {
        session.out.printf("  budget: %s%n", m.budget());
      }
      session.out.printf("  licence: %s%n", m.licence());
    }
  }
}
