package dev.zoo.api.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one forward and backward pass of {@link UpConv2d} on the layers of the zoo's generators,
 * against the zero-insertion form it replaced (the same weight: {@code s - 1} zeros after every
 * input pixel, then a "same" convolution) and against one convolution per phase. Not a unit test:
 * run it by hand, one thread, e.g.
 *
 * <pre>
 * ./mvnw -B -ntp -q -o -pl zoo-api -am test-compile
 * ./mvnw -B -ntp -q -o -pl zoo-api dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * OMP_NUM_THREADS=1 MXNET_ENGINE_TYPE=NaiveEngine java -Dai.djl.offline=true \
 *     -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *     -cp zoo-api/target/classes:zoo-api/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.zoo.api.nn.UpConv2dBenchmark [PyTorch|MXNet ...]
 * </pre>
 *
 * <p>({@code MXNET_ENGINE_TYPE} as the {@code zoo} launcher sets it; {@code -Drounds=N} for more
 * rounds, {@code -Dlayers=PREFIX} for some layers only.) Forms run interleaved, round by round,
 * after checking that they agree; the report gives each form's median time per pass and its ratio
 * to the polyphase form, which is what shared cores allow comparing.
 */
public final class UpConv2dBenchmark {

  private static final int ROUNDS = Integer.getInteger("rounds", 7);
  private static final int PASSES = 5;

  private UpConv2dBenchmark() {}

  /** A layer: batch, channels in and out, input size, kernel, stride, padding, output padding. */
  private record Layer(
      String name, int n, int cin, int cout, int size, int k, int s, int p, int a, boolean bias) {

    UpConv2d block() {
      return UpConv2d.transposed(cout, k, s, p, a, bias);
    }

    boolean zeroInsertable() {
      return k % 2 == 1 && p == (k - 1) / 2 && a == s - 1;
    }
  }

  private interface Form {
    NDArray apply(NDArray x, NDArray w, NDArray b);
  }

  public static void main(String[] args) {
    List<String> engines = args.length > 0 ? Arrays.asList(args) : List.of("PyTorch", "MXNet");
    List<Layer> layers =
        List.of(
            new Layer("gan 1 (k5)", 64, 128, 64, 7, 5, 2, 2, 1, false),
            new Layer("gan 2 (k5)", 64, 64, 1, 14, 5, 2, 2, 1, true),
            new Layer("gan 1 (k4)", 64, 128, 64, 7, 4, 2, 1, 0, false),
            new Layer("gan 2 (k4)", 64, 64, 1, 14, 4, 2, 1, 0, true),
            new Layer("vae (k3)", 128, 64, 32, 7, 3, 2, 1, 1, true));
    for (String engineName : engines) {
      Engine engine = Engine.getEngine(engineName);
      System.out.printf(
          "%s %s, OMP_NUM_THREADS=%s, %d rounds x %d passes (forward + backward, ms per pass)%n",
          engine.getEngineName(),
          engine.getVersion(),
          System.getenv("OMP_NUM_THREADS"),
          ROUNDS,
          PASSES);
      for (Layer layer : layers) {
        if (!layer.name.startsWith(System.getProperty("layers", ""))) {
          continue;
        }
        run(engine, layer);
      }
    }
  }

  private static void run(Engine engine, Layer layer) {
    try (NDManager base = engine.newBaseManager()) {
      Shape inShape = new Shape(layer.n, layer.cin, layer.size, layer.size);
      UpConv2d block = layer.block();
      block.initialize(base, DataType.FLOAT32, inShape);
      NDArray w = block.getParameters().valueAt(0).getArray();
      NDArray b = layer.bias ? block.getParameters().valueAt(1).getArray() : null;
      NDArray x = base.randomNormal(inShape);
      Shape outShape = block.getOutputShapes(new Shape[] {inShape})[0];
      NDArray upstream = base.randomNormal(outShape);

      List<String> names = new ArrayList<>();
      List<Form> forms = new ArrayList<>();
      names.add("polyphase");
      forms.add(
          (in, weight, bias) ->
              block
                  .forward(new ParameterStore(in.getManager(), false), new NDList(in), true)
                  .head());
      if (layer.zeroInsertable()) {
        names.add("zero-insertion");
        forms.add((in, weight, bias) -> zeroInsertion(in, weight, bias, layer));
      }
      if (layer.s > 1) {
        names.add("phase by phase");
        forms.add((in, weight, bias) -> phaseByPhase(in, weight, bias, layer));
      }
      // the forms agree before they are timed
      float[] reference = null;
      for (int f = 0; f < forms.size(); f++) {
        try (NDManager sub = base.newSubManager()) {
          NDArray in = x.duplicate();
          in.attach(sub);
          float[] out = forms.get(f).apply(in, w, b).toFloatArray();
          if (reference == null) {
            reference = out;
          } else {
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
              worst = Math.max(worst, Math.abs(out[i] - reference[i]));
            }
            if (worst > 1e-3) {
              throw new IllegalStateException(names.get(f) + " differs by " + worst);
            }
          }
        }
      }
      double[][] times = new double[forms.size()][ROUNDS];
      for (int f = 0; f < forms.size(); f++) {
        time(engine, base, forms.get(f), x, w, b, upstream); // warm-up
      }
      for (int r = 0; r < ROUNDS; r++) {
        for (int f = 0; f < forms.size(); f++) {
          times[f][r] = time(engine, base, forms.get(f), x, w, b, upstream);
        }
      }
      double poly = median(times[0]);
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "  %-11s N=%d %d->%d %dx%d->%s k=%d:",
                  layer.name,
                  layer.n,
                  layer.cin,
                  layer.cout,
                  layer.size,
                  layer.size,
                  outShape.get(2) + "x" + outShape.get(3),
                  layer.k));
      for (int f = 0; f < forms.size(); f++) {
        double med = median(times[f]);
        line.append(
            String.format(Locale.ROOT, "  %s %.2f ms (x%.2f)", names.get(f), med, med / poly));
      }
      System.out.println(line);
    }
  }

  /** Milliseconds per forward and backward pass, averaged over {@link #PASSES} passes. */
  private static double time(
      Engine engine, NDManager base, Form form, NDArray x, NDArray w, NDArray b, NDArray g) {
    long total = 0;
    for (int i = 0; i < PASSES; i++) {
      try (NDManager sub = base.newSubManager()) {
        NDArray in = x.duplicate();
        in.attach(sub);
        in.setRequiresGradient(true);
        NDArray up = g.duplicate();
        up.attach(sub);
        up.toFloatArray(); // both copies are done before the clock starts
        in.toFloatArray();
        long start = System.nanoTime();
        try (GradientCollector gc = engine.newGradientCollector()) {
          NDArray out = form.apply(in, w, b);
          gc.backward(out.mul(up).sum());
        }
        // wait for the gradients (MXNet runs asynchronously)
        float sync = in.getGradient().sum().getFloat();
        sync += w.getGradient().sum().getFloat();
        total += System.nanoTime() - start;
        if (Float.isNaN(sync)) {
          throw new IllegalStateException("NaN gradient");
        }
      }
    }
    return total / 1e6 / PASSES;
  }

  /** The form this block used before: zeros after every pixel, then a "same" convolution. */
  private static NDArray zeroInsertion(NDArray x, NDArray w, NDArray b, Layer layer) {
    int s = layer.s;
    int pad = (layer.k - 1) / 2;
    NDArray up = x;
    if (s > 1) {
      Shape sh = x.getShape();
      long n = sh.get(0);
      long c = sh.get(1);
      long h = sh.get(2);
      long wd = sh.get(3);
      NDManager m = x.getManager();
      NDArray wide =
          x.expandDims(4)
              .concat(m.zeros(new Shape(n, c, h, wd, s - 1), x.getDataType(), x.getDevice()), 4)
              .reshape(n, c, h, wd * s);
      up =
          wide.expandDims(3)
              .concat(m.zeros(new Shape(n, c, h, s - 1, wd * s), x.getDataType(), x.getDevice()), 3)
              .reshape(n, c, h * s, wd * s);
    }
    return Conv2d.conv2d(up, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  /**
   * The polyphase form with one convolution per phase, each with only its own taps (no zero taps in
   * a common window), then the same depth-to-space step.
   */
  private static NDArray phaseByPhase(NDArray x, NDArray w, NDArray b, Layer layer) {
    int s = layer.s;
    int k = layer.k;
    int lead = k - 1 - layer.p;
    long n = x.getShape().get(0);
    long h = x.getShape().get(2);
    long out = (h - 1) * s - 2L * layer.p + k + layer.a;
    long cells = out / s;
    long cout = w.getShape().get(0);
    int[] from = new int[s];
    int[] to = new int[s];
    int lo = 0;
    int hi = 0;
    for (int r = 0; r < s; r++) {
      from[r] = Math.floorDiv(r - lead + s - 1, s);
      to[r] = Math.floorDiv(k - 1 - lead + r, s);
      lo = Math.min(lo, from[r]);
      hi = Math.max(hi, (int) (cells - 1) + to[r] - (int) (h - 1));
    }
    NDManager m = x.getManager();
    NDArray padded = x;
    if (-lo > 0 || hi > 0) {
      Shape sh = x.getShape();
      padded =
          m.zeros(new Shape(sh.get(0), sh.get(1), -lo, sh.get(3)))
              .concat(x, 2)
              .concat(m.zeros(new Shape(sh.get(0), sh.get(1), hi, sh.get(3))), 2);
      padded =
          m.zeros(new Shape(sh.get(0), sh.get(1), padded.getShape().get(2), -lo))
              .concat(padded, 3)
              .concat(m.zeros(new Shape(sh.get(0), sh.get(1), padded.getShape().get(2), hi)), 3);
    }
    NDList phases = new NDList();
    for (int ry = 0; ry < s; ry++) {
      for (int rx = 0; rx < s; rx++) {
        int uy = s * from[ry] + lead - ry;
        int ux = s * from[rx] + lead - rx;
        NDArray sub =
            w.get(
                new ai.djl.ndarray.index.NDIndex(
                    ":, :, {}:{}:{}, {}:{}:{}",
                    uy,
                    uy + s * (to[ry] - from[ry]) + 1,
                    s,
                    ux,
                    ux + s * (to[rx] - from[rx]) + 1,
                    s));
        long y0 = from[ry] - lo;
        long x0 = from[rx] - lo;
        NDArray window =
            padded.get(
                new ai.djl.ndarray.index.NDIndex(
                    ":, :, {}:{}, {}:{}",
                    y0,
                    y0 + cells + to[ry] - from[ry],
                    x0,
                    x0 + cells + to[rx] - from[rx]));
        phases.add(Conv2d.conv2d(window, sub, b).singletonOrThrow());
      }
    }
    return NDArrays.stack(phases, 2)
        .reshape(n * cout, s, s, cells, cells)
        .transpose(0, 3, 1, 4, 2)
        .reshape(n, cout, cells * s, cells * s);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
