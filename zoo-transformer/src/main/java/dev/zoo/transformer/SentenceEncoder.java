package dev.zoo.transformer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Engines;
import dev.zoo.api.pretrained.PretrainedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pretrained sentence encoder stored as an ONNX file, run on ONNX Runtime: a BERT-style encoder
 * whose token vectors are averaged over the attention mask and scaled to length 1, as
 * sentence-transformers does (Reimers and Gurevych, "Sentence-BERT", 2019). all-MiniLM-L6-v2 is
 * one: 6 layers, 384 dimensions, a lower-cased WordPiece vocabulary of 30,522 pieces; two texts
 * mean much the same when the dot product (the cosine) of their vectors is high.
 *
 * <p>A model folder holds one {@code .onnx} file whose inputs are {@code input_ids}, {@code
 * attention_mask} and {@code token_type_ids} of shape {@code (N, T)} and whose first output is the
 * last hidden state {@code (N, T, D)}, and one Hugging Face {@code tokenizer.json} ({@link
 * WordPieceTokenizer}). A text is cut to its first {@value #MAX_TOKENS} tokens, {@code [CLS]} and
 * {@code [SEP]} included, the limit sentence-transformers sets for all-MiniLM-L6-v2.
 */
public final class SentenceEncoder implements AutoCloseable {

  /** The most tokens of a text the encoder reads, {@code [CLS]} and {@code [SEP]} included. */
  public static final int MAX_TOKENS = 256;

  private static final String ENGINE = "onnxruntime";
  private static final int BATCH = 16;

  private final Path folder;
  private final Model model;
  private final WordPieceTokenizer tokenizer;

  private SentenceEncoder(Path folder, Model model, WordPieceTokenizer tokenizer) {
    this.folder = folder;
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /** Whether {@code folder} holds an ONNX sentence encoder: a {@code .onnx} and a tokenizer. */
  public static boolean isEncoderFolder(Path folder) {
    return folder != null
        && Files.isDirectory(folder)
        && find(folder, ".onnx") != null
        && find(folder, "tokenizer.json") != null;
  }

  /**
   * The pretrained encoder called {@code name} (e.g. {@code minilm}), from a models jar on the
   * class path, its files checked against their SHA-256.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws CheckpointException when its files are missing or damaged
   * @throws EngineException when ONNX Runtime is not on the class path
   */
  public static SentenceEncoder pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, TransformerFamily.NAME));
  }

  /**
   * Loads the encoder of {@code folder} on ONNX Runtime.
   *
   * @throws CheckpointException when the folder lacks the ONNX file or the tokenizer, or ONNX
   *     Runtime cannot read the file
   * @throws EngineException when ONNX Runtime is not on the class path
   */
  public static SentenceEncoder load(Path folder) {
    Path onnx = find(folder, ".onnx");
    Path vocabulary = find(folder, "tokenizer.json");
    if (onnx == null || vocabulary == null) {
      throw new CheckpointException(
          folder + " holds no sentence encoder (an .onnx file and a tokenizer.json).");
    }
    WordPieceTokenizer tokenizer = WordPieceTokenizer.read(vocabulary);
    String engine = onnxRuntime().load().getEngineName();
    Model model = Model.newInstance("sentence-encoder", engine);
    try {
      String file = onnx.getFileName().toString();
      model.load(folder, file.substring(0, file.length() - ".onnx".length()));
      return new SentenceEncoder(folder, model, tokenizer);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new CheckpointException("ONNX Runtime cannot load " + onnx + ": " + e + ".", e);
    }
  }

  private static EngineBackend onnxRuntime() {
    for (EngineBackend b : Engines.discover(SentenceEncoder.class.getClassLoader())) {
      if (b.name().equals(ENGINE)) {
        return b;
      }
    }
    throw new EngineException(
        "The sentence encoder runs on ONNX Runtime, which is not on the class path (add"
            + " dev.zoo:zoo-engine-onnxruntime).");
  }

  private static Path find(Path folder, String suffix) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
          .sorted()
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The folder the encoder was loaded from. */
  public Path folder() {
    return folder;
  }

  /** The tokenizer of the model's vocabulary. */
  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /** The tokens the encoder reads of {@code text}: at most {@value #MAX_TOKENS}. */
  public WordPieceTokenizer.TokenizedText tokenize(String text) {
    return tokenizer.encode(text, MAX_TOKENS);
  }

  /** The unit-length sentence vector of {@code text}, e.g. 384 values for all-MiniLM-L6-v2. */
  public float[] encode(String text) {
    return encode(List.of(text)).get(0);
  }

  /**
   * The unit-length sentence vector of each text, in order. Texts of similar token counts are
   * computed together, in batches of {@value #BATCH} padded to their longest text (padding is
   * masked, so a text's vector does not depend on its batch beyond float rounding).
   */
  public List<float[]> encode(List<String> texts) {
    List<WordPieceTokenizer.TokenizedText> tokens = new ArrayList<>(texts.size());
    for (String text : texts) {
      tokens.add(tokenize(text));
    }
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> tokens.get(i).ids().length));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += BATCH) {
      List<Integer> rows = Arrays.asList(order).subList(from, Math.min(order.length, from + BATCH));
      List<float[]> vectors = run(rows.stream().map(tokens::get).toList());
      for (int k = 0; k < rows.size(); k++) {
        out[rows.get(k)] = vectors.get(k);
      }
    }
    return Arrays.asList(out);
  }

  private List<float[]> run(List<WordPieceTokenizer.TokenizedText> batch) {
    int n = batch.size();
    int t = batch.stream().mapToInt(x -> x.ids().length).max().orElse(2);
    long[] ids = new long[n * t];
    long[] mask = new long[n * t];
    for (int i = 0; i < n; i++) {
      long[] row = batch.get(i).ids();
      System.arraycopy(row, 0, ids, i * t, row.length);
      for (int j = 0; j < row.length; j++) {
        mask[i * t + j] = 1;
      }
    }
    try (NDManager manager = model.getNDManager().newSubManager()) {
      Shape shape = new Shape(n, t);
      NDArray inputIds = manager.create(ids, shape);
      inputIds.setName("input_ids");
      NDArray attention = manager.create(mask, shape);
      attention.setName("attention_mask");
      NDArray types = manager.create(new long[n * t], shape);
      types.setName("token_type_ids");
      NDList result =
          model
              .getBlock()
              .forward(
                  new ParameterStore(manager, false),
                  new NDList(inputIds, attention, types),
                  false);
      result.attach(manager);
      NDArray hidden = result.get(0);
      Shape s = hidden.getShape();
      if (s.dimension() != 3 || s.get(0) != n || s.get(1) != t) {
        throw new CheckpointException(
            "The encoder in " + folder + " returned " + s + ", not (" + n + ", " + t + ", D).");
      }
      return MeanPooling.pool(hidden.toFloatArray(), mask, n, t, (int) s.get(2));
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
