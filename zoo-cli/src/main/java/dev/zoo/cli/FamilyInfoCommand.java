package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.EngineSelector;
import dev.zoo.api.engine.Op;
import dev.zoo.api.model.ModelCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo info FAMILY}: variants with their tasks, default hyper-parameters, needs and fitting
 * engines, and the family's own options; with {@code --checkpoint DIR}, the model card of one of
 * the family's checkpoints. Loads no native library.
 */
final class FamilyInfoCommand extends FamilyCommand {

  @ParentCommand InfoCommand parent;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "Describe the family's checkpoint in this run or checkpoint directory.")
  Path checkpoint;

  FamilyInfoCommand(Session session, ModelFamily family) {
    super(session, family, Action.INFO);
  }

  @Override
  void addFamilyOptions(Collection<String> warnings) {
    // zoo info takes no family options: it lists them.
  }

  @Override
  public void run() {
    Path dir = checkpoint != null ? checkpoint : parent == null ? null : parent.checkpoint;
    if (dir != null) {
      session.print(ModelCard.saved(Checkpoint.open(dir, family.name())).report());
      return;
    }
    session.print(describe());
  }

  private Report describe() {
    List<Map<String, Object>> variants = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    text.append(family.name()).append(" — ").append(family.summary()).append('\n');
    for (Variant v : family.variants()) {
      Set<Op> needs = family.needs(v.name());
      List<String> engines = new ArrayList<>();
      for (EngineBackend b : session.zoo.backends()) {
        if (b.declaredOffers().missing(needs).isEmpty()) {
          engines.add(b.name() + (b.isAvailable() ? "" : " (not installed)"));
        }
      }
      text.append('\n')
          .append(v.name())
          .append(v == family.defaultVariant() ? " (default)" : "")
          .append(": ")
          .append(v.summary())
          .append('\n');
      text.append("  task: ").append(v.task().id()).append('\n');
      text.append("  hyper-parameters: ").append(v.defaults()).append('\n');
      text.append("  needs: ").append(EngineSelector.describe(needs)).append('\n');
      text.append("  trains on: ")
          .append(engines.isEmpty() ? "no engine" : String.join(", ", engines))
          .append('\n');
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("task", v.task().id());
      m.put("summary", v.summary());
      m.put("hyperparameters", v.defaults().asMap());
      m.put("needs", needs.stream().map(Op::id).collect(Collectors.toList()));
      m.put("engines", engines);
      variants.add(m);
    }
    List<Map<String, Object>> options = new ArrayList<>();
    List<FamilyOption> declared = FamilyOptions.declared(family, new ArrayList<>());
    if (!declared.isEmpty()) {
      text.append("\noptions of its own:\n");
    }
    for (FamilyOption o : declared) {
      String commands = String.join(", ", new TreeSet<>(o.commands()));
      text.append(String.format("  %-22s %s (%s)%n", usage(o), o.description(), commands));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("flag", o.flag());
      m.put("key", o.key());
      m.put("label", o.label());
      m.put("description", o.description());
      m.put("commands", new TreeSet<>(o.commands()));
      options.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", family.name());
    json.put("tasks", tasks(family));
    json.put("summary", family.summary());
    json.put("variants", variants);
    json.put("options", options);
    return new Report(text.toString(), json);
  }

  private static String usage(FamilyOption o) {
    return o.label() == null ? o.flag() : o.flag() + " " + o.label();
  }

  /** The tasks of the family's variants, each once, in the variants' order. */
  static List<String> tasks(ModelFamily family) {
    return family.variants().stream().map(v -> v.task().id()).distinct().toList();
  }
}
