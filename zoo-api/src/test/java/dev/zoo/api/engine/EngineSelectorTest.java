package dev.zoo.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Engine selection against fake backends that never load anything. */
class EngineSelectorTest {

  private static final String JOB = "training cnn/simple-cnn";
  private static final Set<Op> CNN = EnumSet.of(Op.TRAINING, Op.CONV2D, Op.LINEAR);

  /** A backend with fixed answers; loading it always fails, so a test notices if it is tried. */
  static final class FakeBackend implements EngineBackend {
    private final String name;
    private final boolean available;
    private final Set<Op> ops;
    private final boolean gpu;
    private final int preference;

    FakeBackend(String name, boolean available, Set<Op> ops, boolean gpu, int preference) {
      this.name = name;
      this.available = available;
      this.ops = ops;
      this.gpu = gpu;
      this.preference = preference;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String djlEngine() {
      return "Fake" + name;
    }

    @Override
    public boolean isAvailable() {
      return available;
    }

    @Override
    public String unavailableReason() {
      return available ? "" : "the " + name + " jar is missing";
    }

    @Override
    public Offers declaredOffers() {
      return new Offers(ops, gpu);
    }

    @Override
    public int preference() {
      return preference;
    }

    @Override
    public boolean hasGpu() {
      return gpu;
    }

    @Override
    public Engine load() {
      throw new AssertionError("engine selection must not load " + name);
    }
  }

  private static Set<Op> all() {
    return EnumSet.allOf(Op.class);
  }

  private static Set<Op> allBut(Op... ops) {
    EnumSet<Op> set = EnumSet.allOf(Op.class);
    set.removeAll(List.of(ops));
    return set;
  }

  private static final FakeBackend CPU_FAST = new FakeBackend("alpha", true, all(), false, 1);
  private static final FakeBackend CPU_SLOW = new FakeBackend("beta", true, all(), false, 2);
  private static final FakeBackend GPU_LAST = new FakeBackend("gamma", true, all(), true, 9);
  private static final FakeBackend NO_TRAINING =
      new FakeBackend("delta", true, EnumSet.of(Op.CONV2D, Op.LINEAR), false, 0);
  private static final FakeBackend MISSING = new FakeBackend("omega", false, all(), false, 0);

  /** Like ONNX Runtime: available, preferred here, and runs none of the zoo's operations. */
  private static final FakeBackend NO_OPS =
      new FakeBackend("onnx-like", true, EnumSet.noneOf(Op.class), false, 0);

  private static EngineSelector selector(EngineBackend... backends) {
    return new EngineSelector(List.of(backends), EngineSpeeds.none());
  }

  private static EngineSpeeds measured(double alpha, double beta) {
    return EngineSpeeds.of(
        List.of(
            new EngineSpeeds.Measurement(
                JOB,
                "cpu",
                java.util.Map.of("alpha", alpha, "beta", beta),
                "0.35.1",
                "2026-11-29",
                "zoo engines --tune")));
  }

  @Test
  void theMeasuredFasterEngineWinsOverPreferenceAndTheReasonSaysBy() {
    EngineSelector selector = new EngineSelector(List.of(CPU_FAST, CPU_SLOW), measured(10, 19));

    EngineChoice choice = selector.choose(JOB, CNN, new EngineRequest(null, null));

    assertSame(CPU_SLOW, choice.backend());
    assertTrue(choice.reason().contains("1.9x alpha's speed"), choice.reason());
    assertTrue(
        choice.reason().contains("measured 2026-11-29 by zoo engines --tune"), choice.reason());
  }

  @Test
  void runningAModelUsesTheTrainingMeasurementAndAnExplicitEngineStillWins() {
    EngineSelector selector = new EngineSelector(List.of(CPU_FAST, CPU_SLOW), measured(10, 19));

    assertSame(
        CPU_SLOW,
        selector.choose("running cnn/simple-cnn", CNN, new EngineRequest(null, null)).backend());
    assertSame(CPU_FAST, selector.choose(JOB, CNN, new EngineRequest("alpha", null)).backend());
    assertSame(
        CPU_FAST,
        new EngineSelector(List.of(CPU_FAST, CPU_SLOW), measured(30, 19))
            .choose(JOB, CNN, new EngineRequest(null, null))
            .backend());
  }

  @Test
  void explicitEngineIsChosenWhenItCoversTheNeeds() {
    EngineChoice choice =
        selector(CPU_FAST, CPU_SLOW, GPU_LAST).choose(JOB, CNN, new EngineRequest("beta", null));

    assertSame(CPU_SLOW, choice.backend());
    assertEquals(DeviceInfo.CPU, choice.device());
    assertTrue(choice.reason().contains("as requested"), choice.reason());
    assertTrue(choice.reason().startsWith("beta on cpu"), choice.reason());
  }

  @Test
  void explicitEngineMatchesNamesWithoutRegardToCaseOrDjlName() {
    EngineSelector selector = selector(CPU_FAST, CPU_SLOW);

    assertSame(CPU_SLOW, selector.choose(JOB, CNN, new EngineRequest(" BETA ", null)).backend());
    assertSame(CPU_SLOW, selector.choose(JOB, CNN, new EngineRequest("fakebeta", null)).backend());
  }

  @Test
  void explicitEngineLackingTrainingIsRefusedNamingWhatItLacksAndWhoCan() {
    ZooException e =
        assertThrows(
            ZooException.class,
            () ->
                selector(NO_TRAINING, CPU_FAST, MISSING)
                    .choose(JOB, CNN, new EngineRequest("delta", null)));

    String m = e.getMessage();
    assertTrue(m.startsWith("Engine delta cannot run " + JOB), m);
    assertTrue(m.contains("it lacks training"), m);
    assertTrue(m.contains("engines that can: alpha, omega (not installed)"), m);
  }

  @Test
  void explicitEngineLackingSeveralOpsNamesThemAll() {
    FakeBackend partial =
        new FakeBackend("partial", true, allBut(Op.TRAINING, Op.CONV2D), false, 1);

    ZooException e =
        assertThrows(
            ZooException.class,
            () -> selector(partial).choose(JOB, CNN, new EngineRequest("partial", null)));

    assertTrue(e.getMessage().contains("it lacks training and 2-D convolution"), e.getMessage());
    assertTrue(e.getMessage().contains("engines that can: none"), e.getMessage());
  }

  @Test
  void unknownEngineListsKnownOnes() {
    ZooException e =
        assertThrows(
            ZooException.class,
            () -> selector(CPU_FAST, CPU_SLOW).choose(JOB, CNN, new EngineRequest("jax", null)));

    assertTrue(e.getMessage().startsWith("Unknown engine 'jax'"), e.getMessage());
    assertTrue(e.getMessage().contains("known engines: alpha, beta"), e.getMessage());
  }

  @Test
  void explicitEngineThatIsNotAvailableIsRefusedWithTheReason() {
    ZooException e =
        assertThrows(
            ZooException.class,
            () -> selector(CPU_FAST, MISSING).choose(JOB, CNN, new EngineRequest("omega", null)));

    assertEquals("Engine omega is not available: the omega jar is missing.", e.getMessage());
  }

  @Test
  void automaticChoiceTakesGpuEngineBeforeBetterCpuOnes() {
    EngineChoice choice =
        selector(CPU_FAST, CPU_SLOW, GPU_LAST).choose(JOB, CNN, new EngineRequest(null, null));

    assertSame(GPU_LAST, choice.backend());
    assertEquals(new DeviceInfo("gpu", 0), choice.device());
    String reason = choice.reason();
    assertTrue(reason.startsWith("gamma on gpu(0)"), reason);
    assertTrue(reason.contains("a GPU engine"), reason);
    assertTrue(reason.contains(JOB), reason);
    assertTrue(reason.contains("also able: alpha, beta"), reason);
  }

  @Test
  void automaticChoiceAmongCpuEnginesTakesTheLowerPreference() {
    EngineChoice choice =
        selector(CPU_SLOW, CPU_FAST).choose(JOB, CNN, new EngineRequest(null, null));

    assertSame(CPU_FAST, choice.backend());
    assertEquals(DeviceInfo.CPU, choice.device());
    assertTrue(choice.reason().startsWith("alpha on cpu"), choice.reason());
    assertTrue(choice.reason().contains("the preferred engine"), choice.reason());
    assertTrue(choice.reason().contains("the needs of " + JOB), choice.reason());
    assertTrue(choice.reason().contains("also able: beta"), choice.reason());
  }

  @Test
  void automaticChoiceSkipsEnginesThatLackNeedsOrAreMissing() {
    EngineChoice choice =
        selector(MISSING, NO_TRAINING, CPU_SLOW).choose(JOB, CNN, new EngineRequest(null, null));

    assertSame(CPU_SLOW, choice.backend());
    assertTrue(!choice.reason().contains("also able"), choice.reason());
  }

  @Test
  void cpuDeviceTakesAwayTheGpuAdvantage() {
    EngineChoice choice =
        selector(GPU_LAST, CPU_SLOW, CPU_FAST).choose(JOB, CNN, new EngineRequest(null, "cpu"));

    // On the CPU every engine is a CPU engine: preference alone decides.
    assertSame(CPU_FAST, choice.backend());
    assertEquals(DeviceInfo.CPU, choice.device());
    assertTrue(choice.reason().contains("the preferred engine"), choice.reason());
  }

  @Test
  void cpuDeviceStillAllowsTheGpuEngineWhenItIsPreferred() {
    FakeBackend gpuFirst = new FakeBackend("gpu-first", true, all(), true, 0);

    EngineChoice choice =
        selector(CPU_FAST, gpuFirst).choose(JOB, CNN, new EngineRequest(null, "CPU"));

    assertSame(gpuFirst, choice.backend());
    assertEquals(DeviceInfo.CPU, choice.device());
  }

  @Test
  void explicitGpuDevices() {
    EngineSelector selector = selector(CPU_FAST, GPU_LAST);

    assertEquals(
        new DeviceInfo("gpu", 1),
        selector.choose(JOB, CNN, new EngineRequest("gamma", "gpu(1)")).device());
    assertEquals(
        new DeviceInfo("gpu", 2),
        selector.choose(JOB, CNN, new EngineRequest("gamma", "gpu:2")).device());
    assertEquals(
        DeviceInfo.CPU, selector.choose(JOB, CNN, new EngineRequest("gamma", "cpu")).device());
    ZooException noGpu =
        assertThrows(
            ZooException.class, () -> selector.choose(JOB, CNN, new EngineRequest("alpha", "gpu")));
    assertTrue(
        noGpu.getMessage().contains("engine alpha has no GPU on this machine"), noGpu.getMessage());
    ZooException unknown =
        assertThrows(
            ZooException.class, () -> selector.choose(JOB, CNN, new EngineRequest("alpha", "tpu")));
    assertTrue(unknown.getMessage().startsWith("Unknown device 'tpu'"), unknown.getMessage());
  }

  @Test
  void noFittingEngineNamesEachEngineAndWhatItLacks() {
    FakeBackend noConv = new FakeBackend("noconv", true, allBut(Op.CONV2D), false, 1);

    ZooException e =
        assertThrows(
            ZooException.class,
            () ->
                selector(NO_TRAINING, noConv, MISSING)
                    .choose(JOB, CNN, new EngineRequest(null, null)));

    String m = e.getMessage();
    assertTrue(m.startsWith("No engine can run " + JOB + ": "), m);
    assertTrue(m.contains("delta lacks training"), m);
    assertTrue(m.contains("noconv lacks 2-D convolution"), m);
    assertTrue(m.contains("omega is not available (the omega jar is missing)"), m);
  }

  @Test
  void noEngineAtAll() {
    ZooException e =
        assertThrows(
            ZooException.class, () -> selector().choose(JOB, CNN, new EngineRequest(null, null)));

    assertTrue(e.getMessage().contains("no engine is on the class path"), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("add an engine module such as dev.zoo:zoo-engine-pytorch."),
        e.getMessage());
  }

  @Test
  void anEngineWithoutOperationsIsNeverChosenAutomatically() {
    Set<Op> inference = EnumSet.of(Op.CONV2D, Op.LINEAR);

    assertSame(
        CPU_SLOW, selector(NO_OPS, CPU_SLOW).choose(JOB, CNN, EngineRequest.automatic()).backend());
    EngineChoice running =
        selector(NO_OPS, CPU_SLOW)
            .choose("running cnn/simple-cnn", inference, EngineRequest.automatic());
    assertSame(CPU_SLOW, running.backend());
    assertTrue(!running.reason().contains("onnx-like"), running.reason());
    // Not even for a job that names no needs.
    assertSame(
        CPU_SLOW,
        selector(NO_OPS, CPU_SLOW)
            .choose("running toy/tiny", EnumSet.noneOf(Op.class), EngineRequest.automatic())
            .backend());
    ZooException alone =
        assertThrows(
            ZooException.class,
            () ->
                selector(NO_OPS)
                    .choose("running cnn/simple-cnn", inference, EngineRequest.automatic()));
    assertEquals(
        "No engine can run running cnn/simple-cnn: onnx-like lacks linear layers and 2-D"
            + " convolution.",
        alone.getMessage());
    ZooException noNeeds =
        assertThrows(
            ZooException.class,
            () ->
                selector(NO_OPS)
                    .choose(
                        "running toy/tiny", EnumSet.noneOf(Op.class), EngineRequest.automatic()));
    assertTrue(
        noNeeds.getMessage().endsWith("onnx-like runs none of the zoo's operations."),
        noNeeds.getMessage());
  }

  @Test
  void anEngineWithoutOperationsAskedForByNameIsRefusedInOneSentence() {
    ZooException e =
        assertThrows(
            ZooException.class,
            () -> selector(NO_OPS, CPU_SLOW).choose(JOB, CNN, EngineRequest.of("onnx-like")));

    assertEquals(
        "Engine onnx-like cannot run "
            + JOB
            + ": it lacks training, linear layers and 2-D convolution; engines that can: beta.",
        e.getMessage());
  }

  @Test
  void aZooEngineWhoseModuleIsAbsentNamesTheModuleToAdd() {
    for (String name : List.of("pytorch", "MXNet ", "tensorflow", "onnxruntime")) {
      ZooException e =
          assertThrows(
              ZooException.class,
              () -> selector(CPU_FAST).choose(JOB, CNN, EngineRequest.of(name)));

      String engine = name.trim().toLowerCase(java.util.Locale.ROOT);
      assertEquals(
          "Engine "
              + engine
              + " is not available: its module dev.zoo:zoo-engine-"
              + engine
              + " is not on the class path.",
          e.getMessage());
    }
  }

  @Test
  void describeJoinsOperationNames() {
    assertEquals("", EngineSelector.describe(EnumSet.noneOf(Op.class)));
    assertEquals("training", EngineSelector.describe(EnumSet.of(Op.TRAINING)));
    assertEquals(
        "training, 2-D convolution and LSTM",
        EngineSelector.describe(EnumSet.of(Op.LSTM, Op.TRAINING, Op.CONV2D)));
  }

  @Test
  void runContextPrintsTheChoiceAndItsReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunContext context =
        RunContext.builder(Zoo.of(List.of(), List.of(CPU_FAST, CPU_SLOW)))
            .log(log)
            .engine("beta")
            .build();

    EngineChoice choice = context.chooseEngine(JOB, CNN);

    assertSame(CPU_SLOW, choice.backend());
    assertEquals(
        "Engine: beta on cpu, as requested.", bytes.toString(StandardCharsets.UTF_8).trim());
  }
}
