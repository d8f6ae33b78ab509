package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Fashion-MNIST data set (Zalando Research): its class names and a locator that finds training
 * and test data on this machine, falling back to a small sample embedded in Zoo.
 */
public final class FashionMnist {
  /** The ten class names, indexed by label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Image height of Fashion-MNIST, and the default height for folders of images. */
  public static final int HEIGHT = 28;

  /** Image width of Fashion-MNIST, and the default width for folders of images. */
  public static final int WIDTH = 28;

  /** Environment variable naming a data folder when no {@code --data} option is given. */
  public static final String DATA_ENV = "ZOO_DATA";

  /** Where the Debian package {@code dataset-fashion-mnist} installs the data set. */
  public static final Path DEBIAN_PATH = Path.of("/usr/share/datasets/fashion-mnist");

  /** Seed of the shuffle that splits a single folder of images into training and test images. */
  public static final long SPLIT_SEED = 20240607L;

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  static final String SAMPLE_FOLDER = "fashion-mnist-sample/";

  private static final List<String> IDX_NAMES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private FashionMnist() {}

  /**
   * Finds training and test data, with 28x28 images for folders of images.
   *
   * @see #locate(Path, int, int)
   */
  public static DataSplits locate(Path dataOption) {
    return locate(dataOption, HEIGHT, WIDTH);
  }

  /**
   * Finds training and test data: the {@code --data} folder if given; else the folder named by the
   * environment variable {@code ZOO_DATA} if set and not empty; else {@link #DEBIAN_PATH} if it
   * holds the data set; else the embedded sample. A data folder is read as by {@link #read(Path,
   * int, int)}.
   *
   * @param dataOption the folder given with {@code --data}, or null
   * @param height image height for folders of images; IDX files keep their own size
   * @param width image width for folders of images; IDX files keep their own size
   * @throws InvalidDataException if the chosen folder does not exist or holds no usable data
   */
  public static DataSplits locate(Path dataOption, int height, int width) {
    return locate(dataOption, height, width, System::getenv, DEBIAN_PATH);
  }

  /** Finds data as {@link #locate(Path, int, int)} does, with the given environment and path. */
  static DataSplits locate(
      Path dataOption, int height, int width, Function<String, String> env, Path debianPath) {
    if (dataOption != null) {
      return read(dataOption, height, width, " given by --data");
    }
    String fromEnv = env.apply(DATA_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path dir;
      try {
        dir = Path.of(fromEnv);
      } catch (InvalidPathException e) {
        throw new InvalidDataException(
            "The environment variable " + DATA_ENV + " holds " + fromEnv + ", not a valid path.",
            e);
      }
      return read(dir, height, width, " given by " + DATA_ENV);
    }
    if (debianPath != null && Files.isDirectory(debianPath) && missingIdx(debianPath) == null) {
      return readIdx(debianPath);
    }
    return embeddedSample();
  }

  /**
   * The images to evaluate a model on: every image of the {@code --data} folder when it is a plain
   * folder of class sub-folders (no IDX files, no {@code train/} and {@code test/}), else the test
   * split that {@link #locate(Path)} finds.
   *
   * @throws InvalidDataException if the folder does not exist or holds no usable data
   */
  public static ImageSet locateTest(Path dataOption) {
    if (dataOption != null
        && Files.isDirectory(dataOption)
        && IDX_NAMES.stream().allMatch(n -> idxFile(dataOption, n) == null)
        && !(Files.isDirectory(dataOption.resolve("train"))
            && Files.isDirectory(dataOption.resolve("test")))) {
      return ImageFolderReader.read(dataOption, HEIGHT, WIDTH);
    }
    return locate(dataOption).test();
  }

  /**
   * Reads a data folder in either of two forms. (a) IDX files named {@code
   * train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
   * {@code t10k-labels-idx1-ubyte}, each optionally ending in {@code .gz}, read with the
   * Fashion-MNIST class names. (b) Class sub-folders of PNG or JPEG images, read as by {@link
   * ImageFolderReader}: if the folder has {@code train} and {@code test} sub-folders these hold the
   * two sets; otherwise all images are shuffled with {@link #SPLIT_SEED} and split into 90%
   * training and 10% (at least one) test images.
   *
   * @throws InvalidDataException if the folder does not exist or is in neither form
   */
  public static DataSplits read(Path dir, int height, int width) {
    return read(dir, height, width, "");
  }

  /**
   * Reads the Fashion-MNIST sample embedded in Zoo: the first 2000 training and the first 500 test
   * images.
   */
  public static DataSplits embeddedSample() {
    ImageSet train = readResources(TRAIN_IMAGES + ".gz", TRAIN_LABELS + ".gz");
    ImageSet test = readResources(TEST_IMAGES + ".gz", TEST_LABELS + ".gz");
    String origin =
        String.format(
            "the embedded Fashion-MNIST sample (%d train, %d test images; install the full set"
                + " with `apt-get install dataset-fashion-mnist` or pass --data)",
            train.size(), test.size());
    return new DataSplits(train, test, origin, true);
  }

  private static DataSplits read(Path dir, int height, int width, String source) {
    if (!Files.exists(dir)) {
      throw new InvalidDataException("Data folder " + dir + source + " does not exist.");
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidDataException("Data path " + dir + source + " is not a folder.");
    }
    String missing = missingIdx(dir);
    if (missing == null) {
      return readIdx(dir);
    }
    String present =
        IDX_NAMES.stream().filter(n -> idxFile(dir, n) != null).findFirst().orElse(null);
    if (present != null) {
      throw new InvalidDataException(
          String.format("Folder %s has %s but lacks %s (plain or .gz).", dir, present, missing));
    }
    Path trainDir = dir.resolve("train");
    Path testDir = dir.resolve("test");
    if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
      return readTrainTest(dir, trainDir, testDir, height, width);
    }
    ImageFolderReader.Listing listing = ImageFolderReader.scan(dir);
    if (listing.files().isEmpty()) {
      throw new InvalidDataException(
          "Folder "
              + dir
              + " holds neither Fashion-MNIST IDX files nor class sub-folders of PNG or JPEG"
              + " images.");
    }
    return readAndSplit(listing, height, width);
  }

  private static DataSplits readIdx(Path dir) {
    ImageSet train =
        IdxReader.read(idxFile(dir, TRAIN_IMAGES), idxFile(dir, TRAIN_LABELS), CLASS_NAMES);
    ImageSet test =
        IdxReader.read(idxFile(dir, TEST_IMAGES), idxFile(dir, TEST_LABELS), CLASS_NAMES);
    requireImages(train, idxFile(dir, TRAIN_IMAGES));
    requireImages(test, idxFile(dir, TEST_IMAGES));
    String origin =
        String.format("Fashion-MNIST from %s (%d train, %d test)", dir, train.size(), test.size());
    return new DataSplits(train, test, origin, false);
  }

  private static DataSplits readTrainTest(
      Path dir, Path trainDir, Path testDir, int height, int width) {
    ImageFolderReader.Listing trainList = ImageFolderReader.scan(trainDir);
    ImageFolderReader.Listing testList = ImageFolderReader.scan(testDir);
    TreeSet<String> names = new TreeSet<>(trainList.classNames());
    names.addAll(testList.classNames());
    List<String> classNames = List.copyOf(names);
    ImageSet train =
        ImageFolderReader.load(ImageFolderReader.relabel(trainList, classNames), height, width);
    ImageSet test =
        ImageFolderReader.load(ImageFolderReader.relabel(testList, classNames), height, width);
    String origin =
        String.format(
            "images from %s (%d train, %d test, %d classes%s%s)",
            dir,
            train.size(),
            test.size(),
            classNames.size(),
            trainList.leftOutNote().replace("left out", "left out of train/"),
            testList.leftOutNote().replace("left out", "left out of test/"));
    return new DataSplits(train, test, origin, false);
  }

  private static DataSplits readAndSplit(ImageFolderReader.Listing listing, int height, int width) {
    int n = listing.files().size();
    if (n < 2) {
      throw new InvalidDataException(
          "Folder "
              + listing.dir()
              + " holds only one image; at least two are needed to split off test images.");
    }
    ImageSet all = ImageFolderReader.load(listing, height, width);
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    Random random = new Random(SPLIT_SEED);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int testCount = Math.max(1, (int) Math.round(n * 0.1));
    int[] testIdx = Arrays.copyOfRange(order, 0, testCount);
    int[] trainIdx = Arrays.copyOfRange(order, testCount, n);
    Arrays.sort(testIdx);
    Arrays.sort(trainIdx);
    ImageSet train = all.subset(trainIdx);
    ImageSet test = all.subset(testIdx);
    String origin =
        String.format(
            "images from %s split 90/10 (%d train, %d test, %d classes%s)",
            listing.dir(), train.size(), test.size(), all.numClasses(), listing.leftOutNote());
    return new DataSplits(train, test, origin, false);
  }

  private static void requireImages(ImageSet set, Path file) {
    if (set.size() == 0) {
      throw new InvalidDataException("File " + file + " holds no images.");
    }
  }

  /** Returns the first IDX base name with neither a plain nor a gzip file in dir, or null. */
  private static String missingIdx(Path dir) {
    for (String name : IDX_NAMES) {
      if (idxFile(dir, name) == null) {
        return name;
      }
    }
    return null;
  }

  /** Returns the plain or else the gzip file of an IDX base name, or null if neither exists. */
  private static Path idxFile(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  private static String resourcePath(String file) {
    return FashionMnist.class.getPackageName().replace('.', '/') + "/" + SAMPLE_FOLDER + file;
  }

  private static InputStream resource(String file) {
    InputStream in = FashionMnist.class.getResourceAsStream(SAMPLE_FOLDER + file);
    if (in == null) {
      throw new InvalidDataException(
          "The embedded Fashion-MNIST sample is missing its resource "
              + resourcePath(file)
              + " from the class path.");
    }
    return in;
  }

  private static ImageSet readResources(String imagesFile, String labelsFile) {
    String imagesName = "classpath:" + resourcePath(imagesFile);
    String labelsName = "classpath:" + resourcePath(labelsFile);
    try (InputStream images = resource(imagesFile);
        InputStream labels = resource(labelsFile)) {
      return IdxReader.combine(
          IdxReader.readImages(images, imagesName),
          imagesName,
          IdxReader.readLabels(labels, labelsName),
          labelsName,
          CLASS_NAMES);
    } catch (IOException e) {
      throw new InvalidDataException(
          "Cannot read the embedded Fashion-MNIST sample: " + e.getMessage() + ".", e);
    }
  }
}
