package dev.zoo.api;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Op;
import dev.zoo.api.metrics.ImageJudge;
import dev.zoo.api.train.ConsoleProgress;
import dev.zoo.api.train.FitOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Everything an action gets from its caller besides its own arguments: the registry, where to
 * print, the data option, the requested engine and device, and the seed.
 */
public final class RunContext {

  private final Zoo zoo;
  private final PrintStream out;
  private final PrintStream log;
  private final Path data;
  private final String engine;
  private final String device;
  private final long seed;
  private final boolean interactive;
  private final boolean json;
  private final Supplier<ImageJudge> judge;
  private final String command;
  private final UnaryOperator<FitOptions> training;

  private RunContext(Builder b) {
    this.zoo = b.zoo;
    this.out = b.out;
    this.log = b.log;
    this.data = b.data;
    this.engine = b.engine;
    this.device = b.device;
    this.seed = b.seed;
    this.interactive = b.interactive;
    this.json = b.json;
    this.judge = b.judge;
    this.command = b.command;
    this.training = b.training;
  }

  /** Starts a builder for a context over {@code zoo}. */
  public static Builder builder(Zoo zoo) {
    return new Builder(zoo);
  }

  /** The registry, for actions that combine families. */
  public Zoo zoo() {
    return zoo;
  }

  /** Where results go (standard output). */
  public PrintStream out() {
    return out;
  }

  /** Where progress and notes go (standard error), so results stay clean for pipes. */
  public PrintStream log() {
    return log;
  }

  /** The {@code --data} option, or null. */
  public Path data() {
    return data;
  }

  /** The seed of every random choice of a run. */
  public long seed() {
    return seed;
  }

  /** Whether progress may redraw one line (a terminal) rather than print new lines. */
  public boolean interactive() {
    return interactive;
  }

  /**
   * Whether the caller prints the action's report as JSON on {@link #out()}; an action then must
   * not stream text there (e.g. generated text as it is sampled).
   */
  public boolean json() {
    return json;
  }

  /**
   * Where generated text goes as it is sampled: each piece printed and flushed on {@link #out()},
   * or nowhere when the report is JSON ({@link #json()}).
   */
  public Consumer<String> textStream() {
    return piece -> {
      if (!json) {
        out.print(piece);
        out.flush();
      }
    };
  }

  /**
   * A classifier of the context's image data for measuring generated images; the caller closes it.
   *
   * @throws ZooException when the caller provided none
   */
  public ImageJudge judge() {
    if (judge == null) {
      throw new ZooException(
          "Measuring generated images needs an image classifier, and none is available here.");
    }
    return judge.get();
  }

  /**
   * Chooses the engine for a job from the requested engine and device (else {@code ZOO_ENGINE} and
   * {@code ZOO_DEVICE}) and the job's needs, and prints the choice with its reason.
   *
   * @throws dev.zoo.api.common.EngineException when no engine can do the job
   */
  public EngineChoice chooseEngine(String job, Set<Op> needs) {
    EngineChoice choice = zoo.selector().choose(job, needs, new EngineRequest(engine, device));
    log.println("Engine: " + choice.reason() + ".");
    return choice;
  }

  /**
   * The engine and device asked for: the command's, else {@code ZOO_ENGINE} and {@code ZOO_DEVICE};
   * null where none was named.
   */
  public EngineRequest engineRequest() {
    return new EngineRequest(engine, device).resolved();
  }

  /** The engine the command named ({@code --engine}), or null; see {@link #chooseEngine}. */
  public String engineName() {
    return engine;
  }

  /** The command line that started the action, for provenance. */
  public String command() {
    return command;
  }

  /**
   * How a model's {@code fit} runs for {@code request}: progress on {@link #log()}, resume as
   * requested, and this context's command as provenance, then what the builder's {@link
   * Builder#training} changes (e.g. a step budget).
   */
  public FitOptions fitOptions(TrainRequest request) {
    return training.apply(
        FitOptions.defaults()
            .withListener(new ConsoleProgress(log, interactive))
            .withResume(request.resume())
            .withCommand(command));
  }

  /** Builds a {@link RunContext}. */
  public static final class Builder {
    private final Zoo zoo;
    private PrintStream out = System.out;
    private PrintStream log = System.err;
    private Path data;
    private String engine;
    private String device;
    private long seed = 42;
    private boolean interactive;
    private boolean json;
    private Supplier<ImageJudge> judge;
    private String command = "zoo";
    private UnaryOperator<FitOptions> training = UnaryOperator.identity();

    private Builder(Zoo zoo) {
      this.zoo = zoo;
    }

    /** The command line that started the action, recorded as provenance. */
    public Builder command(String command) {
      this.command = command;
      return this;
    }

    /** Where results go. */
    public Builder out(PrintStream out) {
      this.out = out;
      return this;
    }

    /** Where progress goes. */
    public Builder log(PrintStream log) {
      this.log = log;
      return this;
    }

    /** The {@code --data} option. */
    public Builder data(Path data) {
      this.data = data;
      return this;
    }

    /** The requested engine; null leaves it to {@code ZOO_ENGINE} or the automatic choice. */
    public Builder engine(String engine) {
      this.engine = engine;
      return this;
    }

    /** The requested device ({@code cpu}, {@code gpu}, {@code gpu(N)}), or null for the best. */
    public Builder device(String device) {
      this.device = device;
      return this;
    }

    /** The seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether progress may redraw one line. */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    /** Whether the report is printed as JSON on the output stream. */
    public Builder json(boolean json) {
      this.json = json;
      return this;
    }

    /** Where {@link RunContext#judge()} gets its classifier; called only when needed. */
    public Builder judge(Supplier<ImageJudge> judge) {
      this.judge = judge;
      return this;
    }

    /**
     * Changes every {@link FitOptions} the context gives its actions, e.g. {@code o ->
     * o.withMaxSteps(20)} for a short timed probe, or a listener that wraps {@code o.listener()}.
     */
    public Builder training(UnaryOperator<FitOptions> change) {
      this.training = change;
      return this;
    }

    /** Builds the context. */
    public RunContext build() {
      return new RunContext(this);
    }
  }
}
