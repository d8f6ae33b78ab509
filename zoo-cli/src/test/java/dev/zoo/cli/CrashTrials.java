package dev.zoo.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.train.MetricsLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills training runs of the {@code zoo} command with SIGKILL ({@link Process#destroyForcibly()} on
 * Linux) at seeded random moments and checks what each one leaves behind:
 *
 * <ul>
 *   <li>a checkpoint that opens (format, family, every checksum) and that {@code zoo eval} loads,
 *       or none when the run was killed before its first;
 *   <li>a {@code --resume} (or, without a checkpoint, a fresh start) into the same directory that
 *       completes, undisturbed by the lock file the killed process left;
 *   <li>the metrics of every epoch and the final checkpoint's files, byte for byte, equal to those
 *       of an uninterrupted run with the same seed, which a deterministic loop must give;
 *   <li>nothing unfinished left in the run directory.
 * </ul>
 *
 * <p>One kill in ten lands at a uniformly drawn moment of the start-up; the others at a uniformly
 * drawn moment of the uninterrupted run's training time (and 5% beyond), counted from the moment
 * the killed run chose its engine, so most trials die while training and checkpointing. {@code
 * CrashTest} runs a few trials in the build; {@code bench/crash.sh} runs {@link #main} with many,
 * over every family.
 */
final class CrashTrials {

  /** The short training run of each family that the trials kill, from {@code train FAMILY}. */
  static final Map<String, List<String>> JOBS = jobs();

  private static final long RUN_LIMIT_MINUTES = 10;

  /** An uninterrupted run: its metrics without timings, its checkpoint's files, its timings. */
  private record Reference(
      List<JsonObject> records, Map<String, String> files, long engineMillis, long endMillis) {}

  /**
   * What one trial found.
   *
   * @param killedAfterMillis when the kill came, after the start
   * @param left what the killed run left: "no checkpoint" or its checkpoint's epoch
   * @param problem null when every check held, else the first that failed
   */
  record Outcome(int trial, String family, long killedAfterMillis, String left, String problem) {

    boolean ok() {
      return problem == null;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%5d  %-12s %8.2f s  %-38s %s",
          trial,
          family,
          killedAfterMillis / 1000.0,
          left,
          ok() ? "resumed to the uninterrupted metrics and files" : "FAILED: " + problem);
    }
  }

  private final Path dir;
  private final Random random;
  private final PrintStream log;
  private final Map<String, Reference> references = new HashMap<>();

  /**
   * @param dir where the runs go, one sub-directory per trial
   * @param seed the seed of the kill moments
   * @param log where each trial's line goes
   */
  CrashTrials(Path dir, long seed, PrintStream log) throws IOException {
    this.dir = dir;
    this.random = new Random(seed);
    this.log = log;
    copyData(dir.resolve("data"));
  }

  /** In {@link #JOBS}: the folder of Fashion-MNIST images embedded in zoo-api, copied out. */
  private static final String IMAGES = "{images}";

  /** In {@link #JOBS}: the folder of the text corpus embedded in zoo-api, copied out. */
  private static final String TEXT = "{text}";

  private static final String IMAGE_RESOURCES = "/dev/zoo/api/data/fashion-mnist-sample/";
  private static final List<String> IMAGE_FILES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");
  private static final String TEXT_RESOURCES = "/dev/zoo/api/text/embedded/";
  private static final List<String> TEXT_FILES =
      List.of("computers", "science", "food", "sea", "work");

  private static Map<String, List<String>> jobs() {
    // The small embedded data, whatever this machine has installed, keeps each run short.
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("tabular", List.of("--epochs", "12"));
    jobs.put(
        "cnn", List.of("--variant", "lenet", "--epochs", "4", "--limit", "600", "--data", IMAGES));
    jobs.put("vae", List.of("--epochs", "3", "--limit", "600", "--data", IMAGES));
    jobs.put("gan", List.of("--epochs", "3", "--limit", "256", "--data", IMAGES));
    jobs.put(
        "rnn",
        List.of(
            "--steps", "24", "--batch-size", "16", "--set", "epoch_windows=128", "--data", TEXT));
    jobs.put(
        "transformer",
        List.of("--limit", "64", "--steps", "12", "--batch-size", "16", "--data", TEXT));
    return jobs;
  }

  /** Copies the embedded data that the jobs name out of zoo-api into {@code dir}. */
  private static void copyData(Path dir) throws IOException {
    copy(IMAGE_RESOURCES, IMAGE_FILES, dir.resolve("images"));
    copy(TEXT_RESOURCES, TEXT_FILES, dir.resolve("text"));
  }

  private static void copy(String folder, List<String> names, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : names) {
      try (InputStream in = CrashTrials.class.getResourceAsStream(folder + name)) {
        if (in == null) {
          throw new IllegalStateException("zoo-api holds no resource " + folder + name);
        }
        Files.copy(in, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The heading of the lines {@link Outcome#line()} prints. */
  static String heading() {
    return String.format(
        Locale.ROOT, "%5s  %-12s %10s  %-38s %s", "trial", "family", "killed at", "left", "then");
  }

  /**
   * Runs one trial on {@code family}: an uninterrupted reference run first if there is none yet,
   * then a run killed at a random moment, its checks, its resume and the comparison.
   */
  Outcome trial(int number, String family) throws IOException, InterruptedException {
    Reference reference = references.get(family);
    if (reference == null) {
      reference = reference(family);
      references.put(family, reference);
    }
    // One kill in ten during the start-up; the others at a moment of the uninterrupted run's
    // training time (and a little beyond), counted from the moment this run chose its engine, so
    // that a machine slower or faster than during the reference run moves them along.
    double u = random.nextDouble();
    Path trialDir = dir.resolve(String.format(Locale.ROOT, "%s-%03d", family, number));
    Path run = trialDir.resolve("run");
    Path killedDir = trialDir.resolve("killed");
    Process killed = ChildJvm.start(killedDir, train(family, run, false));
    long start = System.nanoTime();
    if (u < 0.1) {
      killed.waitFor((long) (u / 0.1 * reference.engineMillis()), TimeUnit.MILLISECONDS);
    } else {
      awaitEngine(killed, killedDir.resolve("err.txt"));
      long window = reference.endMillis() - reference.engineMillis();
      killed.waitFor((long) ((u - 0.1) / 0.9 * 1.05 * window), TimeUnit.MILLISECONDS);
    }
    long killedAfter = (System.nanoTime() - start) / 1_000_000;
    boolean ended = !killed.isAlive();
    killed.destroyForcibly();
    killed.waitFor();

    Path left = Checkpoint.locate(run);
    String what;
    String problem = null;
    if (left == null) {
      what = ended ? "no checkpoint (ended before the kill)" : "no checkpoint";
    } else {
      CheckpointInfo info = Checkpoint.open(run, family).info();
      what =
          "checkpoint of epoch "
              + info.epoch()
              + (left.getFileName().toString().startsWith(".") ? " (the hidden previous)" : "")
              + (ended ? ", run ended" : "");
      problem = evaluates(family, run, dataOf(family));
    }
    if (problem == null) {
      problem = resume(family, run, left != null, trialDir, reference);
    }
    Outcome outcome = new Outcome(number, family, killedAfter, what, problem);
    log.println(outcome.line());
    return outcome;
  }

  private Reference reference(String family) throws IOException, InterruptedException {
    Path trialDir = dir.resolve(family + "-uninterrupted");
    Path run = trialDir.resolve("run");
    Process process = ChildJvm.start(trialDir, train(family, run, false));
    long start = System.nanoTime();
    awaitEngine(process, trialDir.resolve("err.txt"));
    long engine = (System.nanoTime() - start) / 1_000_000;
    finish(process, "the uninterrupted run of " + family, trialDir);
    long end = (System.nanoTime() - start) / 1_000_000;
    return new Reference(records(run), files(run, family), engine, end);
  }

  /** Waits until the run says which engine it chose (then it builds and trains), or ends. */
  private static void awaitEngine(Process process, Path err)
      throws IOException, InterruptedException {
    while (process.isAlive()
        && !Files.readString(err, StandardCharsets.UTF_8).contains("Engine: ")) {
      process.waitFor(5, TimeUnit.MILLISECONDS);
    }
  }

  /** Null when {@code zoo eval} loads and evaluates the checkpoint in {@code run}. */
  /** The job's {@code --data} option with its folder, or nothing. */
  private List<String> dataOf(String family) {
    List<String> args = JOBS.get(family);
    int at = args.indexOf("--data");
    return at < 0 ? List.of() : List.of("--data", resolved(args.get(at + 1)));
  }

  private String resolved(String arg) {
    return arg.equals(IMAGES)
        ? dir.resolve("data/images").toString()
        : arg.equals(TEXT) ? dir.resolve("data/text").toString() : arg;
  }

  private static String evaluates(String family, Path run, List<String> data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      List<String> args = new ArrayList<>(List.of("eval", family, "--checkpoint", run.toString()));
      args.addAll(data);
      code = Main.run(args.toArray(String[]::new), o, e);
    }
    return code == 0 ? null : "zoo eval exit " + code + ": " + lastLine(err.toString());
  }

  /** Null when the resume completes to the reference's metrics and files, else what differed. */
  private String resume(
      String family, Path run, boolean hasCheckpoint, Path trialDir, Reference reference)
      throws IOException, InterruptedException {
    Path resumedDir = trialDir.resolve("resumed");
    Process resumed = ChildJvm.start(resumedDir, train(family, run, hasCheckpoint));
    int code = finishQuietly(resumed);
    if (code != 0) {
      return "resume exit "
          + code
          + ": "
          + lastLine(Files.readString(resumedDir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
    String metrics = compare(reference.records(), records(run));
    if (metrics != null) {
      return metrics;
    }
    Map<String, String> files = files(run, family);
    for (Map.Entry<String, String> e : reference.files().entrySet()) {
      if (!e.getValue().equals(files.get(e.getKey()))) {
        return "the final checkpoint's " + e.getKey() + " differs from the uninterrupted one";
      }
    }
    if (!files.keySet().equals(reference.files().keySet())) {
      return "the final checkpoint holds " + files.keySet() + ", not " + reference.files().keySet();
    }
    try (Stream<Path> list = Files.list(run)) {
      List<String> unfinished =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(".checkpoint-") || n.startsWith(".metrics"))
              .toList();
      return unfinished.isEmpty() ? null : "left unfinished: " + unfinished;
    }
  }

  private List<String> train(String family, Path run, boolean resume) {
    List<String> args = new ArrayList<>(List.of("train", family));
    for (String arg : JOBS.get(family)) {
      args.add(resolved(arg));
    }
    args.addAll(List.of("--out", run.toString()));
    if (resume) {
      args.add("--resume");
    }
    return ChildJvm.command(args.toArray(String[]::new));
  }

  /** The metrics records without their timings, which differ from run to run. */
  private static List<JsonObject> records(Path run) {
    List<JsonObject> records = new ArrayList<>();
    for (JsonObject record : new MetricsLog(run).read()) {
      JsonObject kept = new JsonObject();
      for (Map.Entry<String, JsonElement> e : record.entrySet()) {
        if (!e.getKey().equals("seconds") && !e.getKey().endsWith("_per_s")) {
          kept.add(e.getKey(), e.getValue());
        }
      }
      records.add(kept);
    }
    return records;
  }

  private static Map<String, String> files(Path run, String family) {
    return Checkpoint.open(run, family).info().files();
  }

  /** Null when the records are equal, else the first difference. */
  private static String compare(List<JsonObject> expected, List<JsonObject> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      JsonObject e = expected.get(i);
      JsonObject a = actual.get(i);
      if (!e.equals(a)) {
        for (String key : e.keySet()) {
          if (!e.get(key).equals(a.get(key))) {
            return String.format(
                Locale.ROOT,
                "metrics record %d: %s is %s, uninterrupted %s",
                i + 1,
                key,
                a.get(key),
                e.get(key));
          }
        }
        return "metrics record " + (i + 1) + " is " + a + ", uninterrupted " + e;
      }
    }
    return expected.size() == actual.size()
        ? null
        : "metrics.jsonl holds " + actual.size() + " records, uninterrupted " + expected.size();
  }

  private static void finish(Process process, String what, Path dir)
      throws IOException, InterruptedException {
    int code = finishQuietly(process);
    if (code != 0) {
      throw new IllegalStateException(
          what
              + " exited with "
              + code
              + ": "
              + lastLine(Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8)));
    }
  }

  private static int finishQuietly(Process process) throws InterruptedException {
    if (!process.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "(nothing on standard error)" : lines.get(lines.size() - 1);
  }

  /**
   * Runs trials from the command line and prints one line per trial; exit status 1 when one failed.
   *
   * <p>Arguments: {@code TRIALS SEED DIR [FAMILY...]}; the trials go round the families (by default
   * every family of {@link #JOBS}).
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int trials = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    Path dir = Path.of(args[2]);
    List<String> families =
        args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.copyOf(JOBS.keySet());
    for (String family : families) {
      if (!JOBS.containsKey(family)) {
        System.err.println("Unknown family " + family + "; known: " + JOBS.keySet());
        System.exit(2);
      }
    }
    CrashTrials crash = new CrashTrials(dir, seed, System.out);
    System.out.println(heading());
    int failed = 0;
    Map<String, Integer> withCheckpoint = new LinkedHashMap<>();
    for (int i = 1; i <= trials; i++) {
      String family = families.get((i - 1) % families.size());
      Outcome outcome = crash.trial(i, family);
      failed += outcome.ok() ? 0 : 1;
      if (outcome.left().startsWith("checkpoint")) {
        withCheckpoint.merge(family, 1, Integer::sum);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d trials, %d failed; trials that left a checkpoint, per family: %s%n",
        trials,
        failed,
        withCheckpoint);
    System.exit(failed == 0 ? 0 : 1);
  }
}
