package dev.zoo.vae;

import dev.zoo.api.Reportable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zoo score vae} prints: each input image's negative ELBO and its two terms, in nats,
 * highest (most unusual) first.
 *
 * @param checkpoint the checkpoint directory
 * @param rows the scored files, highest negative ELBO first
 */
record AnomalyScores(String checkpoint, List<Scored> rows) implements Reportable {

  /** One file's score. */
  record Scored(String file, ElboTerms terms) {}

  /** Scores every image of {@code inputs} with {@code model}. */
  static AnomalyScores of(VariationalAutoencoder model, ImageInputs inputs) {
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < inputs.names().size(); i++) {
      scored.add(new Scored(inputs.names().get(i), model.score(inputs.images().get(i))));
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> s.terms().negativeElbo()).reversed());
    return new AnomalyScores(inputs.checkpoint().dir().toString(), List.copyOf(scored));
  }

  @Override
  public String toText() {
    StringBuilder text = new StringBuilder("negative ELBO (nats; higher looks more unusual):\n");
    for (Scored s : rows) {
      text.append(
          String.format(
              Locale.ROOT,
              "%10.2f  (reconstruction %.2f, KL %.2f)  %s%n",
              s.terms().negativeElbo(),
              s.terms().reconstruction(),
              s.terms().kl(),
              s.file()));
    }
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Scored s : rows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", s.file());
      row.putAll(s.terms().toMap());
      list.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", checkpoint);
    json.put("scores", list);
    return json;
  }
}
