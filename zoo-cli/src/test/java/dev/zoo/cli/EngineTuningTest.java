package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.engine.EngineSpeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo engines --tune} on a tiny budget: it times the family's training on each engine in
 * processes of their own, writes this machine's cache ({@code ZOO_CACHE}), and the automatic engine
 * choice of a later command follows it, saying by how much and when it was measured.
 */
class EngineTuningTest {

  @TempDir Path dir;

  @Test
  void tuneWritesTheCacheThatTheEngineChoiceThenFollows() throws Exception {
    Map<String, String> env = Map.of("ZOO_CACHE", dir.resolve("cache").toString());
    ChildJvm.Result tuned =
        ChildJvm.run(
            dir.resolve("tune"), env, "engines", "--tune", "tabular", "--steps", "3", "--json");
    assertEquals(0, tuned.code(), tuned::toString);

    Path cache = dir.resolve("cache/engine-speeds.json");
    assertTrue(Files.isRegularFile(cache), tuned::toString);
    List<EngineSpeeds.Measurement> measured = EngineSpeeds.read(cache);
    assertEquals(1, measured.size(), measured::toString);
    EngineSpeeds.Measurement m = measured.get(0);
    assertEquals("training tabular/mlp", m.job());
    assertEquals("cpu", m.device());
    assertEquals(Set.of("mxnet", "pytorch"), m.perSecond().keySet());
    m.perSecond().values().forEach(v -> assertTrue(v > 0, m::toString));
    assertEquals("zoo engines --tune", m.source());
    assertEquals(LocalDate.now().toString(), m.measured());
    assertEquals(EngineSpeeds.djlVersion(), m.djlVersion());

    String faster =
        m.perSecond().get("mxnet") >= m.perSecond().get("pytorch") ? "mxnet" : "pytorch";
    String slower = faster.equals("mxnet") ? "pytorch" : "mxnet";
    String reason =
        String.format(
            Locale.ROOT,
            "%s on cpu: the fastest engine that covers the needs of training tabular/mlp, %.1fx"
                + " %s's speed (measured %s by zoo engines --tune)",
            faster,
            m.perSecond().get(faster) / m.perSecond().get(slower),
            slower,
            m.measured());
    JsonObject job =
        JsonParser.parseString(tuned.out())
            .getAsJsonObject()
            .getAsJsonArray("jobs")
            .get(0)
            .getAsJsonObject();
    assertEquals(faster, job.get("engine").getAsString(), tuned::toString);
    assertTrue(job.get("reason").getAsString().startsWith(reason), tuned::toString);

    ChildJvm.Result trained =
        ChildJvm.run(
            dir.resolve("train"),
            env,
            "train",
            "tabular",
            "--epochs",
            "1",
            "--out",
            dir.resolve("run").toString());
    assertEquals(0, trained.code(), trained::toString);
    assertTrue(trained.err().contains("Engine: " + reason), trained::toString);
  }

  @Test
  void familiesGoWithTune() {
    Cli.run("engines", "tabular").userError("Families and --all go with --tune");
  }
}
