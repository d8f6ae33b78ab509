package dev.zoo.api.text;

import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * English text for language models and text classifiers, as labelled records. {@link #locate}
 * resolves the {@code --data} option the same way for every text family: the given file or folder,
 * else {@code ZOO_TEXT}, else the Debian {@code fortunes} files, else a small corpus the project
 * wrote itself and embeds.
 */
public final class Corpus implements DataSource {

  /** Environment variable naming a default text file or folder. */
  public static final String DATA_ENV = "ZOO_TEXT";

  /** Where Debian's {@code fortunes} package installs its files. */
  public static final Path DEBIAN_PATH = Path.of("/usr/share/games/fortunes");

  private static final String EMBEDDED = "/dev/zoo/api/text/embedded/";
  private static final List<String> EMBEDDED_TOPICS =
      List.of("computers", "science", "food", "sea", "work");

  private final List<TextRecord> records;
  private final String origin;
  private final boolean embedded;

  private Corpus(List<TextRecord> records, String origin, boolean embedded) {
    this.records = List.copyOf(records);
    this.origin = origin;
    this.embedded = embedded;
  }

  /** A corpus of records from elsewhere, e.g. an app's own texts. */
  public static Corpus of(List<TextRecord> records, String origin) {
    if (records.isEmpty() || records.stream().allMatch(r -> r.text().isBlank())) {
      throw new InvalidDataException("The corpus " + origin + " is empty.");
    }
    return new Corpus(records, origin, false);
  }

  /**
   * The corpus for a run: {@code dataOption} when given, else {@code ZOO_TEXT}, else the Debian
   * fortunes, else the embedded corpus.
   */
  public static Corpus locate(Path dataOption) {
    if (dataOption != null) {
      return read(dataOption);
    }
    String env = System.getenv(DATA_ENV);
    if (env != null && !env.isBlank()) {
      return read(Path.of(env));
    }
    if (Files.isDirectory(DEBIAN_PATH)) {
      return read(DEBIAN_PATH);
    }
    return embedded();
  }

  /**
   * Reads a UTF-8 text file or every text file directly inside a folder (skipping hidden files and
   * fortune indexes {@code *.dat} and links {@code *.u8}). Files in fortune format (records
   * separated by lines holding only {@code %}) give one record per quotation, labelled by the file
   * name; other files give one record each.
   */
  public static Corpus read(Path path) {
    if (!Files.exists(path)) {
      throw new InvalidDataException("Text data " + path + " does not exist.");
    }
    List<TextRecord> records = new ArrayList<>();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(Corpus::isTextFile)
                .sorted()
                .collect(Collectors.toList());
      } catch (IOException e) {
        throw new InvalidDataException("Cannot list " + path + ": " + e.getMessage() + ".", e);
      }
      if (files.isEmpty()) {
        throw new InvalidDataException("The folder " + path + " holds no text files.");
      }
      for (Path f : files) {
        records.addAll(parse(label(f), decodeUtf8(readBytes(f), f.toString())));
      }
    } else {
      records.addAll(parse(label(path), decodeUtf8(readBytes(path), path.toString())));
    }
    if (records.isEmpty()) {
      throw new InvalidDataException("The corpus " + path + " is empty.");
    }
    return new Corpus(records, path.toString(), false);
  }

  /** The corpus the project wrote itself, a few thousand words on five topics. */
  public static Corpus embedded() {
    List<TextRecord> records = new ArrayList<>();
    for (String topic : EMBEDDED_TOPICS) {
      try (InputStream in = Corpus.class.getResourceAsStream(EMBEDDED + topic)) {
        if (in == null) {
          throw new InvalidDataException(
              "The embedded corpus is missing from this build (" + topic + ").");
        }
        records.addAll(parse(topic, decodeUtf8(in.readAllBytes(), "embedded " + topic)));
      } catch (IOException e) {
        throw new InvalidDataException(
            "Cannot read the embedded corpus: " + e.getMessage() + ".", e);
      }
    }
    return new Corpus(records, "the embedded corpus (" + EMBEDDED_TOPICS.size() + " topics)", true);
  }

  /**
   * Splits fortune-format text into records at lines holding only {@code %}; other text is split
   * into paragraphs at blank lines.
   */
  static List<TextRecord> parse(String label, String text) {
    String normalised = text.replace("\r\n", "\n");
    boolean fortune = normalised.startsWith("%\n") || normalised.contains("\n%\n");
    List<TextRecord> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : normalised.split("\n", -1)) {
      if (fortune ? line.equals("%") : line.isBlank()) {
        add(out, label, current);
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    add(out, label, current);
    return out;
  }

  private static void add(List<TextRecord> out, String label, StringBuilder text) {
    String t = text.toString().strip();
    if (!t.isEmpty()) {
      out.add(new TextRecord(label, t));
    }
  }

  /**
   * Decodes strict UTF-8 without a leading byte-order mark (as some editors write), naming the byte
   * offset of the first invalid sequence: {@code what} is not UTF-8 text (invalid bytes at offset
   * N).
   *
   * @throws InvalidDataException when the bytes are not UTF-8, e.g. Latin-1 text
   */
  public static String decodeUtf8(byte[] bytes, String what) {
    boolean bom =
        bytes.length >= 3
            && bytes[0] == (byte) 0xef
            && bytes[1] == (byte) 0xbb
            && bytes[2] == (byte) 0xbf;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0)))
          .toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalid(bytes);
      throw new InvalidDataException(
          what + " is not UTF-8 text (invalid bytes at offset " + offset + ").", e);
    }
  }

  private static int firstInvalid(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static boolean isTextFile(Path f) {
    String name = f.getFileName().toString();
    return !name.startsWith(".") && !name.endsWith(".dat") && !name.endsWith(".u8");
  }

  private static String label(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static byte[] readBytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read " + f + ": " + e.getMessage() + ".", e);
    }
  }

  /** Every record, in file order. */
  public List<TextRecord> records() {
    return records;
  }

  /** The distinct labels, in order of first appearance. */
  public List<String> labels() {
    return records.stream().map(TextRecord::label).distinct().collect(Collectors.toList());
  }

  /** Where the corpus came from, for messages and provenance. */
  @Override
  public String source() {
    return origin;
  }

  /** A SHA-256 over every record's label and text, in order. */
  @Override
  public String sha256() {
    Sha256 hash = Sha256.hasher();
    for (TextRecord r : records) {
      hash.put(r.label() == null ? "" : r.label()).put(r.text());
    }
    return hash.hex();
  }

  /** Where the corpus came from; the same as {@link #source()}. */
  public String origin() {
    return origin;
  }

  /** Whether this is the corpus embedded in the zoo. */
  public boolean isEmbedded() {
    return embedded;
  }

  /** All records joined by blank lines: one text for a language model. */
  public String text() {
    return join(records);
  }

  /** The number of characters (code points) of {@link #text()}. */
  public long length() {
    return text().codePointCount(0, text().length());
  }

  /**
   * A deterministic split into training and validation records: every {@code k}-th record (k =
   * round(1 / fraction)) is held out, so each topic is represented in both.
   */
  public Split split(double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new InvalidDataException(
          "The validation fraction must be between 0 and 1, not " + validationFraction + ".");
    }
    int k = (int) Math.max(2, Math.round(1 / validationFraction));
    List<TextRecord> train = new ArrayList<>();
    List<TextRecord> valid = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      (i % k == k - 1 ? valid : train).add(records.get(i));
    }
    if (valid.isEmpty() || train.isEmpty()) {
      throw new InvalidDataException(
          "The corpus "
              + origin
              + " has too few records ("
              + records.size()
              + ") for a training and a validation part.");
    }
    return new Split(train, valid);
  }

  /**
   * The training part of {@link #split} as a corpus of its own, with this corpus's origin.
   *
   * @throws InvalidDataException when there are too few records for two parts
   */
  public Corpus trainingPart(double validationFraction) {
    return new Corpus(split(validationFraction).train(), origin, embedded);
  }

  /**
   * The validation part of {@link #split} as a corpus of its own.
   *
   * @throws InvalidDataException when there are too few records for two parts
   */
  public Corpus validationPart(double validationFraction) {
    return new Corpus(
        split(validationFraction).validation(), origin + " (validation part)", embedded);
  }

  static String join(List<TextRecord> rs) {
    return rs.stream().map(TextRecord::text).collect(Collectors.joining("\n\n", "", "\n\n"));
  }

  /**
   * Training and validation records of a {@link Corpus}.
   *
   * @param train the records to learn from
   * @param validation the held-out records
   */
  public record Split(List<TextRecord> train, List<TextRecord> validation) {

    /** The training records as one text. */
    public String trainText() {
      return join(train);
    }

    /** The validation records as one text. */
    public String validationText() {
      return join(validation);
    }
  }

  @Override
  public String toString() {
    return origin + " (" + records.size() + " records)";
  }
}
