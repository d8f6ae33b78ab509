package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Variant;
import dev.zoo.api.Zoo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo list}: every registered family with its task and variants, without loading natives.
 */
@Command(name = "list", description = "List the model families and their variants.")
final class ListCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    if (root.global.json) {
      List<Map<String, Object>> families = new ArrayList<>();
      for (ModelFamily family : zoo.families()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", family.name());
        f.put("task", family.task().id());
        f.put("summary", family.summary());
        f.put("default_variant", family.defaultVariant().name());
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : family.variants()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", v.name());
          m.put("summary", v.summary());
          m.put("hyperparameters", v.defaults().asMap());
          variants.add(m);
        }
        f.put("variants", variants);
        f.put("source", family.getClass().getName());
        families.add(f);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("families", families);
      json.put("problems", zoo.problems());
      root.out.println(Json.write(json));
      return;
    }
    if (zoo.families().isEmpty()) {
      root.out.println("No model families found.");
      return;
    }
    for (ModelFamily family : zoo.families()) {
      root.out.printf("%-12s %-22s %s%n", family.name(), family.task().id(), family.summary());
      for (Variant v : family.variants()) {
        String mark = v == family.defaultVariant() ? " (default)" : "";
        root.out.printf("  %-22s %s%s%n", v.name(), v.summary(), mark);
      }
    }
  }
}
