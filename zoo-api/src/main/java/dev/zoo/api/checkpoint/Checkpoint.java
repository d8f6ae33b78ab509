package dev.zoo.api.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Sha256;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * A saved model as a directory: {@code model.json} plus the files it lists with their checksums.
 * Opening one checks the format, the family and every checksum, so a corrupted or foreign
 * checkpoint is refused with one sentence before anything is loaded.
 */
public final class Checkpoint {

  /** The format tag written into {@code model.json}. */
  public static final String FORMAT = "zoo-checkpoint/1";

  /** The name of the checkpoint directory inside a run directory. */
  public static final String DIR = "checkpoint";

  static final String INFO_FILE = "model.json";
  private static final long MAX_INFO_BYTES = 16L << 20;
  private static final byte[] LFS_POINTER =
      "version https://git-lfs.github.com/spec/".getBytes(StandardCharsets.US_ASCII);
  static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path dir;
  private final CheckpointInfo info;

  private Checkpoint(Path dir, CheckpointInfo info) {
    this.dir = dir;
    this.info = info;
  }

  /**
   * Resolves {@code path} — a run directory or a checkpoint directory — to the checkpoint in it.
   * Returns null when there is none.
   */
  public static Path locate(Path path) {
    if (Files.isRegularFile(path.resolve(INFO_FILE))) {
      return path;
    }
    Path inner = path.resolve(DIR);
    if (Files.isRegularFile(inner.resolve(INFO_FILE))) {
      return inner;
    }
    for (Path previous :
        new Path[] {CheckpointWriter.previous(inner), CheckpointWriter.previous(path)}) {
      if (Files.isRegularFile(previous.resolve(INFO_FILE))) {
        return previous;
      }
    }
    return null;
  }

  /** Whether {@code path} holds a checkpoint. */
  public static boolean exists(Path path) {
    return locate(path) != null;
  }

  /**
   * Opens and verifies the checkpoint at {@code path} for {@code family}.
   *
   * @throws CheckpointException when it is missing, corrupted or of another family
   */
  public static Checkpoint open(Path path, String family) {
    Path dir = locate(path);
    if (dir == null && !Files.exists(path)) {
      throw new CheckpointException("Checkpoint " + path + " does not exist.");
    }
    if (dir == null && Files.isRegularFile(path) && path.toString().endsWith(".onnx")) {
      throw new CheckpointException(
          path
              + " is an ONNX file, which this command does not take: give the checkpoint it was"
              + " exported from.");
    }
    if (dir == null) {
      throw new CheckpointException("No checkpoint in " + path + ": it has no " + INFO_FILE + ".");
    }
    CheckpointInfo info = readInfo(path, dir);
    if (info == null || info.format() == null || info.files() == null) {
      throw new CheckpointException(
          "Checkpoint " + path + " is not a zoo checkpoint (unknown format).");
    }
    if (!FORMAT.equals(info.format())) {
      throw new CheckpointException(
          "Checkpoint "
              + path
              + " is not a zoo checkpoint this version can read: its format "
              + info.format()
              + (info.format().startsWith("zoo-checkpoint/")
                  ? " was written by a newer version of the zoo (this version reads "
                      + FORMAT
                      + ")."
                  : " is unknown."));
    }
    if (family != null && !family.equals(info.family())) {
      throw new CheckpointException(
          "Checkpoint "
              + path
              + " holds a "
              + info.family()
              + " model ("
              + info.variant()
              + "), not a "
              + family
              + " model.");
    }
    for (Map.Entry<String, String> file : info.files().entrySet()) {
      Path p = inside(path, dir, file.getKey());
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.exists(p)) {
        throw new CheckpointException(
            "Checkpoint " + path + " is refused: " + file.getKey() + " is not a regular file.");
      }
      if (!Files.isRegularFile(p)) {
        throw new CheckpointException(
            "Checkpoint " + path + " is incomplete: " + file.getKey() + " is missing.");
      }
      refuseLfsPointer(path, file.getKey(), p);
      if (!sha256(p).equals(file.getValue())) {
        throw new CheckpointException(
            "Checkpoint "
                + path
                + " is corrupted: the checksum of "
                + file.getKey()
                + " does not match.");
      }
    }
    return new Checkpoint(dir, info);
  }

  private static CheckpointInfo readInfo(Path path, Path dir) {
    Path file = dir.resolve(INFO_FILE);
    try {
      if (Files.size(file) > MAX_INFO_BYTES) {
        throw new CheckpointException(
            "Checkpoint " + path + " is refused: its " + INFO_FILE + " is larger than 16 MB.");
      }
      return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), CheckpointInfo.class);
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          "Checkpoint " + path + " is corrupted: its " + INFO_FILE + " cannot be read.", e);
    }
  }

  /**
   * The file {@code name} of the checkpoint, refused when the name leads outside its folder (an
   * absolute path, {@code ..}, a separator) — a checkpoint names only files of its own.
   */
  private static Path inside(Path path, Path dir, String name) {
    boolean plain =
        name != null
            && !name.isEmpty()
            && !name.equals(".")
            && !name.equals("..")
            && name.indexOf('/') < 0
            && name.indexOf('\\') < 0
            && name.indexOf('\0') < 0;
    if (!plain) {
      throw new CheckpointException(
          "Checkpoint "
              + path
              + " is refused: its "
              + INFO_FILE
              + " names the file '"
              + name
              + "', which is not a file name inside the checkpoint.");
    }
    return dir.resolve(name);
  }

  /** Refuses a Git LFS pointer that stands where the file should be. */
  private static void refuseLfsPointer(Path path, String name, Path file) {
    byte[] head = new byte[LFS_POINTER.length];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, head.length) == head.length
          && java.util.Arrays.equals(head, LFS_POINTER)) {
        throw new CheckpointException(
            "Checkpoint "
                + path
                + " is incomplete: "
                + name
                + " is a Git LFS pointer, not the file; fetch it with 'git lfs pull'.");
      }
    } catch (IOException e) {
      throw new CheckpointException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** The recorded facts. */
  public CheckpointInfo info() {
    return info;
  }

  /** The directory the files are in. */
  public Path dir() {
    return dir;
  }

  /**
   * Loads the parameters of {@code network} from its file into its initialised block, which stays
   * trainable.
   *
   * @throws CheckpointException when the file is missing or does not fit the block
   */
  public void loadParameters(Network network, NDManager manager) {
    loadParameters(network.parametersFile(), network.block(), manager);
  }

  /**
   * Loads parameters saved by {@link CheckpointWriter#putParameters} into an initialised block,
   * which stays trainable. The file is checked against the block first (see {@link ParameterFile}),
   * so a file that does not fit is refused before any array is created.
   *
   * @throws CheckpointException when the file is missing or does not hold exactly the block's
   *     parameters, names, data types and shapes
   */
  public void loadParameters(String name, Block block, NDManager manager) {
    if (!has(name)) {
      throw new CheckpointException("Checkpoint " + dir + " has no " + name + ".");
    }
    ParameterFile file;
    try {
      file =
          ParameterFile.check(
              dir.resolve(name), "Checkpoint " + dir + " does not fit this model: " + name, block);
    } catch (IOException e) {
      throw new CheckpointException(
          "Cannot read " + dir.resolve(name) + ": " + e.getMessage() + ".", e);
    }
    try (DataInputStream in = file.stream()) {
      block.loadParameters(manager, in);
      // DJL replaces each parameter's array with one that does not require a gradient, so a
      // resumed run would have nothing to train; mark them again as a fresh block has them.
      for (Pair<String, Parameter> pair : block.getParameters()) {
        if (pair.getValue().requiresGradient()) {
          pair.getValue().getArray().setRequiresGradient(true);
        }
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new CheckpointException(
          "Checkpoint "
              + dir
              + " does not fit this model: "
              + name
              + " cannot be loaded ("
              + e.getMessage()
              + ").",
          e);
    }
  }

  /** Opens one of the checkpoint's files. */
  public DataInputStream open(String name) throws IOException {
    if (!info.files().containsKey(name)) {
      throw new CheckpointException("Checkpoint " + dir + " has no " + name + ".");
    }
    InputStream in = Files.newInputStream(dir.resolve(name));
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }

  /** Whether the checkpoint has the named file. */
  public boolean has(String name) {
    return info.files().containsKey(name);
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Sha256.of(in);
    } catch (IOException e) {
      throw new CheckpointException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }
}
