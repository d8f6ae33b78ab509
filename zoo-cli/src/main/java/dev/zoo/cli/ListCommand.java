package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo list}: every registered family with its variants and each variant's task, without
 * loading natives.
 */
@Command(name = "list", description = "List the model families, their variants and tasks.")
final class ListCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Override
  public void run() {
    Session session = root.session;
    if (session.global.json) {
      List<Map<String, Object>> families = new ArrayList<>();
      for (ModelFamily family : session.zoo.families()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", family.name());
        f.put("tasks", FamilyInfoCommand.tasks(family));
        f.put("summary", family.summary());
        f.put("default_variant", family.defaultVariant().name());
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : family.variants()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", v.name());
          m.put("task", v.task().id());
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
      json.put("problems", session.zoo.problems());
      session.out.println(Json.write(json));
      return;
    }
    if (session.zoo.families().isEmpty()) {
      session.out.println("No model families found.");
      return;
    }
    for (ModelFamily family : session.zoo.families()) {
      session.out.printf("%-12s %s%n", family.name(), family.summary());
      for (Variant v : family.variants()) {
        String mark = v == family.defaultVariant() ? " (default)" : "";
        session.out.printf("  %-20s %-24s %s%s%n", v.name(), v.task().id(), v.summary(), mark);
      }
    }
  }
}
