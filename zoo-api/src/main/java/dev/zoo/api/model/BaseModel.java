package dev.zoo.api.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.checkpoint.Provenance;
import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import dev.zoo.api.train.TrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every model of every family is to an application: its variant, hyper-parameters, engine,
 * labels, seed and provenance; {@code fit} on training and validation data; {@link #save}; {@link
 * #describe}; and {@link #close}, which frees its native memory. A family's model class extends it
 * and adds its own verbs ({@code predict}, {@code sample}, {@code generate}, {@code encode}...);
 * each offers {@code builder()} for a new model and {@code load(path)} / {@code load(path, engine)}
 * for a saved one.
 *
 * <p>Thread safety: once built or loaded, a model answers from many threads at once. Its inference
 * verbs ({@code predict}, {@code evaluate}, {@code sample}, {@code encode}, {@code decode}, {@code
 * score}, {@code generate}, {@code bitsPerCharacter}) only read the parameters, keep every array of
 * a call in a sub-manager of the call's own, and draw random numbers from the seed they are given,
 * so concurrent calls give exactly the answers they give one after another (each family's {@code
 * ConcurrencyTest} checks this with 8 threads on PyTorch and MXNet). No pool or per-thread copy is
 * needed. {@link #fit}, {@link #save} and {@link #close} change or free the parameters: call them
 * when no other call is running on the model.
 *
 * @param <D> the data the model trains on, e.g. {@link dev.zoo.api.data.ImageSet}
 */
public abstract class BaseModel<D> implements AutoCloseable {

  private ModelDescription description;
  private final NDManager manager;
  private int epochs;
  private Map<String, Double> metrics = Map.of();

  /**
   * Opens the model's native memory on the description's engine and device, seeded with its seed.
   * The subclass then builds and initialises its networks in {@link #manager()}.
   */
  protected BaseModel(ModelDescription description) {
    this.description = description;
    this.manager = description.choice().newModelManager(description.seed());
  }

  /** The family's name, e.g. {@code cnn}. */
  public String family() {
    return description.family();
  }

  /** The variant's name, e.g. {@code simple-cnn}. */
  public String variant() {
    return description.variant();
  }

  /** The hyper-parameters the model was built (and trained) with. */
  public Hyperparameters hyperparameters() {
    return description.hyperparameters();
  }

  /** The class names in output order, or an empty list for models without classes. */
  public List<String> labels() {
    return description.labels();
  }

  /** The engine and device the model runs on, and why they were chosen. */
  public EngineChoice engine() {
    return description.choice();
  }

  /** The seed of initialisation, shuffling and sampling. */
  public long seed() {
    return description.seed();
  }

  /** Where the model's training came from, or null when it has not been trained. */
  public Provenance provenance() {
    return description.provenance();
  }

  /** Epochs trained so far, counting those of the checkpoint it was loaded from. */
  public int trainedEpochs() {
    return epochs;
  }

  /**
   * Trains the model, writing checkpoints, {@code metrics.jsonl} and pictures into {@code runDir}.
   * The epochs (or steps), batch size and optimizer come from the hyper-parameters.
   *
   * @param train the training data
   * @param validation data evaluated after every epoch, or null where the family needs none
   * @param runDir the run directory; must not hold a checkpoint unless {@code options} resume it
   * @param options progress listener, resume and budget
   * @return what this call trained
   * @throws dev.zoo.api.common.InvalidDataException when the data does not fit the model
   * @throws dev.zoo.api.common.InvalidSettingException when {@code runDir} cannot take the run
   * @throws dev.zoo.api.common.CheckpointException when resuming from a checkpoint that does not
   *     fit
   */
  public abstract TrainingSummary fit(D train, D validation, Path runDir, FitOptions options);

  /** {@link #fit(Object, Object, Path, FitOptions)} with {@link FitOptions#defaults()}. */
  public final TrainingSummary fit(D train, D validation, Path runDir) {
    return fit(train, validation, runDir, FitOptions.defaults());
  }

  /**
   * Saves the model (parameters, no optimizer state) as the checkpoint directory {@code dir},
   * replacing one that is there only after the new one is complete.
   *
   * @return the checkpoint directory
   * @throws dev.zoo.api.common.CheckpointException when it cannot be written
   */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      for (Network network : networks()) {
        writer.putParameters(network);
      }
      saveFiles(writer);
      return writer.commit(checkpointInfo(epochs, metrics));
    }
  }

  /** A model card: what the model is, its size, engine, latest figures and provenance. */
  public ModelCard describe() {
    return new ModelCard(
        checkpointInfo(epochs, metrics),
        parameters(),
        engine().backend().name() + " on " + engine().device(),
        null);
  }

  /**
   * Opens the checkpoint a new run starts from ({@link FitOptions#startFrom()}) as a model of this
   * class on this model's engine, whatever its labels or vocabulary; families that support fine-
   * tuning override it with their loader.
   *
   * @throws InvalidSettingException when the family cannot start from a checkpoint
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, damaged or of
   *     another family
   */
  protected BaseModel<?> openToStartFrom(Path checkpoint) {
    throw new InvalidSettingException(
        "The " + description.family() + " family cannot start a run from a checkpoint yet.");
  }

  /** The number of parameters (scalars) of all the model's initialised networks. */
  public long parameters() {
    long parameters = 0;
    for (Network network : networks()) {
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        if (p.getValue().isInitialized()) {
          parameters += p.getValue().getArray().getShape().size();
        }
      }
    }
    return parameters;
  }

  /** Frees the model's native memory; the model cannot be used afterwards. */
  @Override
  public void close() {
    manager.close();
  }

  /**
   * The manager that owns the model's parameters on its engine and device; every call opens a
   * sub-manager of it for its own arrays and closes it.
   */
  public NDManager manager() {
    return manager;
  }

  /** The model's networks, each with the checkpoint file of its parameters. */
  protected abstract List<Network> networks();

  /** Writes files the model needs besides its parameters (a tokenizer, statistics). */
  protected void saveFiles(CheckpointWriter writer) {}

  /** The description written into {@code model.json}. */
  protected ModelDescription description() {
    return description;
  }

  /** What {@code model.json} records after {@code epoch} epochs with {@code latest} metrics. */
  public CheckpointInfo checkpointInfo(int epoch, Map<String, Double> latest) {
    return description.at(manager.getEngine(), epoch, latest).withParameters(parameters());
  }

  /**
   * Loads every network's parameters from {@code checkpoint} and takes over its progress; frees the
   * model's native memory and rethrows when they do not fit.
   *
   * @throws dev.zoo.api.common.CheckpointException when a parameter file does not fit
   */
  protected void restore(Checkpoint checkpoint) {
    try {
      for (Network network : networks()) {
        checkpoint.loadParameters(network, manager);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    epochs = checkpoint.info().epoch();
    metrics = checkpoint.info().metrics();
  }

  /**
   * Runs {@code task} on the training template with {@code plan}, recording {@code data} and the
   * options' command as the model's provenance.
   */
  protected TrainingSummary train(
      TrainingTask task, StepPlan plan, DataSource data, Path runDir, FitOptions options) {
    description =
        description.withProvenance(Provenance.of(data.source(), data.sha256(), options.command()));
    if (options.startFrom() != null && !options.resume()) {
      try (BaseModel<?> source = openToStartFrom(options.startFrom())) {
        options
            .listener()
            .notice(ParameterTransfer.copy(source, this).sentence(options.startFrom()));
      }
    }
    TrainingSummary summary = new TrainingLoop(task, plan, seed(), runDir, options).run();
    epochs = summary.completedEpochs();
    if (summary.last() != null) {
      metrics = new LinkedHashMap<>(summary.last().metrics());
    }
    return summary;
  }
}
