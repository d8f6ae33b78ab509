package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Variant;
import dev.zoo.api.Zoo;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.EngineSelector;
import dev.zoo.api.engine.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zoo info FAMILY}: variants, default hyper-parameters, needs and fitting engines. */
@Command(name = "info", description = "Describe a family: variants, hyper-parameters, engines.")
final class InfoCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    ModelFamily f = zoo.family(family);
    List<Map<String, Object>> variants = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    text.append(f.name()).append(" — ").append(f.summary()).append('\n');
    text.append("task: ").append(f.task().id()).append('\n');
    for (Variant v : f.variants()) {
      Set<Op> needs = f.needs(v.name());
      List<String> engines = new ArrayList<>();
      for (EngineBackend b : zoo.backends()) {
        if (b.declaredOffers().missing(needs).isEmpty()) {
          engines.add(b.name() + (b.isAvailable() ? "" : " (not installed)"));
        }
      }
      text.append('\n')
          .append(v.name())
          .append(v == f.defaultVariant() ? " (default)" : "")
          .append(": ")
          .append(v.summary())
          .append('\n');
      text.append("  hyper-parameters: ").append(v.defaults()).append('\n');
      text.append("  needs: ").append(EngineSelector.describe(needs)).append('\n');
      text.append("  trains on: ")
          .append(engines.isEmpty() ? "no engine" : String.join(", ", engines))
          .append('\n');
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("summary", v.summary());
      m.put("hyperparameters", v.defaults().asMap());
      m.put("needs", needs.stream().map(Op::id).collect(Collectors.toList()));
      m.put("engines", engines);
      variants.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", f.name());
    json.put("task", f.task().id());
    json.put("summary", f.summary());
    json.put("variants", variants);
    root.print(new dev.zoo.api.Report(text.toString(), json));
  }
}
