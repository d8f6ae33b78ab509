package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.Zoo;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Op;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four engine modules the command line depends on, and {@code zoo engines}, which loads each
 * and measures what it runs (in a JVM of its own, as the command runs).
 */
class EnginesCommandTest {

  @TempDir Path dir;

  @Test
  void discoversTheFourEngineBackendsByPreference() {
    Zoo zoo = Zoo.discover();

    List<EngineBackend> backends = zoo.backends();
    assertEquals(
        List.of("mxnet", "pytorch", "tensorflow", "onnxruntime"),
        backends.stream().map(EngineBackend::name).toList(),
        "backends are listed by preference");
    assertEquals(List.of(), zoo.problems());
    Map<String, EngineBackend> byName =
        backends.stream().collect(Collectors.toMap(EngineBackend::name, Function.identity()));
    for (EngineBackend backend : backends) {
      assertTrue(backend.isAvailable(), backend.name() + ": " + backend.unavailableReason());
      assertEquals("", backend.unavailableReason());
    }
    for (String name : List.of("pytorch", "mxnet")) {
      assertTrue(byName.get(name).declaredOffers().training(), name);
      assertTrue(byName.get(name).declaredOffers().ops().contains(Op.CONV2D), name);
    }
    for (String name : List.of("tensorflow", "onnxruntime")) {
      assertFalse(byName.get(name).declaredOffers().training(), name);
    }
    assertEquals(Set.of(), byName.get("onnxruntime").declaredOffers().ops());
  }

  @Test
  void listsTheFourEnginesWithWhatTheyLack() throws Exception {
    ChildJvm.Result json = ChildJvm.run(dir.resolve("json"), "engines", "--json");
    assertEquals(0, json.code(), json::toString);
    JsonArray engines =
        JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("engines");
    assertEquals(
        List.of("mxnet", "pytorch", "tensorflow", "onnxruntime"),
        engines.asList().stream().map(e -> e.getAsJsonObject().get("name").getAsString()).toList(),
        json::toString);
    for (JsonElement e : engines) {
      JsonObject engine = e.getAsJsonObject();
      String name = engine.get("name").getAsString();
      assertTrue(engine.get("available").getAsBoolean(), json::toString);
      assertEquals(List.of("cpu"), strings(engine.getAsJsonArray("devices")), name);
      assertEquals(
          name.equals("pytorch") || name.equals("mxnet"),
          engine.get("training").getAsBoolean(),
          name);
    }
    JsonObject onnx = engines.get(3).getAsJsonObject();
    assertEquals("OnnxRuntime", onnx.get("djl_engine").getAsString());
    assertEquals("1.21.1", onnx.get("version").getAsString());
    assertEquals(
        EnumSet.allOf(Op.class).stream().map(Op::id).toList(),
        strings(onnx.getAsJsonArray("lacks_ids")),
        "ONNX Runtime runs none of the zoo's operations on its own");
    assertEquals(
        List.of("conv2d_transpose", "batch_matmul"),
        strings(engines.get(0).getAsJsonObject().getAsJsonArray("lacks_ids")));
    assertEquals(
        Set.of(
            "ai.djl.mxnet.engine.MxEngine",
            "ai.djl.pytorch.engine.PtEngine",
            "ai.djl.tensorflow.engine.TfEngine",
            "ai.djl.onnxruntime.engine.OrtEngine"),
        json.engines(),
        json::toString);

    ChildJvm.Result text = ChildJvm.run(dir.resolve("text"), "engines");
    assertEquals(0, text.code(), text::toString);
    List<String> heads = text.out().lines().filter(l -> !l.startsWith(" ")).toList();
    assertEquals(4, heads.size(), text::toString);
    assertTrue(heads.get(0).startsWith("mxnet       available, MXNet 1.9."), text::toString);
    assertTrue(heads.get(1).startsWith("pytorch     available, PyTorch 2.7.1"), text::toString);
    assertTrue(heads.get(2).startsWith("tensorflow  available, TensorFlow"), text::toString);
    assertTrue(
        heads.get(3).startsWith("onnxruntime available, OnnxRuntime 1.21.1"), text::toString);
  }

  private static List<String> strings(JsonArray array) {
    return array.asList().stream().map(JsonElement::getAsString).toList();
  }
}
