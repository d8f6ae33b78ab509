package dev.zoo.api.fuzz;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Writes the seed inputs of the fuzz targets into {@code src/test/resources/dev/zoo/api/fuzz}:
 * small valid and invalid examples of each format, in each target's input layout (see {@link
 * FuzzInput}). Run it from {@code zoo-api} with the test class path to regenerate them; findings
 * that Jazzer writes next to them ({@code crash-*}, {@code timeout-*}) are kept as they are.
 */
public final class SeedCorpus {
  private final Path root;

  private SeedCorpus(Path root) {
    this.root = root;
  }

  /** Writes every seed; the argument is the resources folder of the fuzz package. */
  public static void main(String[] args) throws IOException {
    SeedCorpus seeds =
        new SeedCorpus(Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/zoo/api/fuzz"));
    seeds.idx();
    seeds.imageFile();
    seeds.imageFolder();
    seeds.corpus();
    seeds.csv();
    seeds.checkpoint();
    seeds.bytePairEncoding();
    seeds.charVocabulary();
  }

  private void idx() throws IOException {
    String t = "IdxReaderFuzzTestInputs/read/";
    byte[] images = idxImages(2, 2, 3);
    byte[] labels = idxLabels(1, 9);
    write(t + "images", cat(bytes(0), chunk(images)));
    write(t + "labels", cat(bytes(4), chunk(new byte[0]), labels));
    write(t + "set", cat(bytes(8), chunk(images), labels));
    write(t + "set-gzipped", cat(bytes(8 | 3), chunk(images), labels));
    write(t + "set-gzip-file", cat(bytes(8), chunk(IdxReaderFuzzTest.gzip(images)), labels));
    write(t + "truncated-pixels", cat(bytes(0), chunk(Arrays.copyOf(images, 20))));
    write(
        t + "truncated-gzip",
        cat(bytes(0), chunk(Arrays.copyOf(IdxReaderFuzzTest.gzip(images), 15))));
    write(t + "label-magic-for-images", cat(bytes(0), chunk(labels)));
    byte[] huge = images.clone();
    ByteBuffer.wrap(huge).putInt(4, 100_000).putInt(8, 1000).putInt(12, 1000);
    write(t + "implausible-size", cat(bytes(1), chunk(huge)));
    write(t + "label-without-class", cat(bytes(8), chunk(images), idxLabels(1, 10)));
    write(t + "count-mismatch", cat(bytes(8), chunk(images), idxLabels(1)));
  }

  private void imageFile() throws IOException {
    String t = "ImageFileFuzzTestInputs/readGrey/";
    write(t + "grey.png", cat(bytes(0, 7, 9), image("png", BufferedImage.TYPE_BYTE_GRAY)));
    write(t + "rgb.png", cat(bytes(0, 2, 2), image("png", BufferedImage.TYPE_INT_RGB)));
    write(t + "rgba.png", cat(bytes(0, 1, 5), image("png", BufferedImage.TYPE_INT_ARGB)));
    write(t + "palette.png", cat(bytes(0, 3, 3), image("png", BufferedImage.TYPE_BYTE_INDEXED)));
    write(t + "grey16.png", cat(bytes(0, 4, 4), image("png", BufferedImage.TYPE_USHORT_GRAY)));
    write(t + "rgb.jpg", cat(bytes(1, 27, 27), image("jpeg", BufferedImage.TYPE_INT_RGB)));
    write(t + "grey.jpg", cat(bytes(1, 5, 1), image("jpeg", BufferedImage.TYPE_BYTE_GRAY)));
    byte[] png = image("png", BufferedImage.TYPE_INT_RGB);
    write(t + "truncated.png", cat(bytes(0, 27, 27), Arrays.copyOf(png, png.length - 20)));
    write(t + "text.png", cat(bytes(0, 27, 27), "not an image".getBytes(StandardCharsets.UTF_8)));
  }

  private void imageFolder() throws IOException {
    String t = "ImageFolderFuzzTestInputs/read/";
    write(t + "two-classes", bytes(27, 27, 0, 0, 0, 0, 3, 1, 1, 1, 0, 1, 0, 0));
    write(t + "junk-beside-images", cat(bytes(7, 7, 0, 0, 0, 0, 5, 2), chunk(text("junk"))));
    write(t + "undecodable", cat(bytes(7, 7, 1, 1, 2), chunk(text("not a png"))));
    write(t + "no-images", cat(bytes(7, 7, 0, 5, 2), chunk(text("notes")), bytes(3, 0, 0)));
    write(t + "hidden-only", bytes(7, 7, 2, 0, 0, 0, 4, 0));
    write(t + "folder-named-like-image", bytes(7, 7, 0, 7, 0, 1, 0, 1));
  }

  private void corpus() throws IOException {
    String t = "CorpusFuzzTestInputs/read/";
    write(t + "fortunes", cat(bytes(0), text("A fair trial.\n%\nTwo lines\nof law.\n%\n")));
    write(t + "paragraphs", cat(bytes(0), text("First\ngoes on.\n\nSecond.\n\n\nThird.")));
    write(t + "crlf-bom", cat(bytes(0), bom(), text("Bread.\r\n%\r\nWine.\r\n%\r\n")));
    write(
        t + "latin-1", cat(bytes(0), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1)));
    write(t + "only-separators", cat(bytes(0), text("%\n%\n%\n")));
    write(
        t + "folder",
        cat(
            bytes(1, 0),
            chunk(text("Law.\n%\nOrder.\n")),
            bytes(1),
            chunk(text("Soup.\n\nSalad.")),
            bytes(2),
            chunk(bytes(0, 0, 0, 1)),
            bytes(3),
            chunk(text("link")),
            bytes(4),
            chunk(text("hidden")),
            bytes(5)));
    write(t + "folder-of-indexes", cat(bytes(1, 2), chunk(text("index")), bytes(5)));
  }

  private void csv() throws IOException {
    String t = "CsvTableFuzzTestInputs/read/";
    write(t + "numbers", cat(bytes(0), text("x,y,label\n1,2.5,a\n-3,4e2,b\n")));
    write(
        t + "quoted",
        cat(bytes(0), text("name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\n")));
    write(t + "bom-crlf", cat(bytes(0), bom(), text("x,label\r\n1,a\r\n\r\n2,b\r\n")));
    write(t + "ragged", cat(bytes(1), text("a,b\n1,2\n3\n")));
    write(t + "unclosed-quote", cat(bytes(0), text("a,b\n\"1,2\n")));
    write(t + "trailing-data", cat(bytes(1), text("a,b\n\"1\"x,2\n\n\n")));
    write(t + "not-a-number", cat(bytes(0), text("a\nNaN\nInfinity\n")));
    write(t + "latin-1", cat(bytes(0), "a\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
  }

  private void checkpoint() throws IOException {
    String t = "CheckpointFuzzTestInputs/open/";
    byte[] params = tinyParameters(2);
    String json =
        "{\"format\":\"zoo-checkpoint/1\",\"family\":\"tiny\",\"variant\":\"v\",\"epoch\":1,"
            + "\"files\":{\"model.params\":\"@sha@\",\"notes.txt\":\"@sha@\"}}";
    byte[] files = cat(bytes(0), chunk(params), bytes(1), chunk(text("notes")));
    write(t + "valid", cat(bytes(1), chunk(text(json)), files));
    write(t + "valid-in-run", cat(bytes(0), chunk(text(json)), files));
    write(t + "valid-previous", cat(bytes(2), chunk(text(json)), files));
    write(
        t + "wrong-checksum", cat(bytes(1), chunk(text(json.replaceFirst("@sha@", "00"))), files));
    write(t + "other-family", cat(bytes(1), chunk(text(json.replace("tiny", "cnn"))), files));
    write(t + "newer-format", cat(bytes(5), chunk(text(json.replace("/1", "/2"))), files));
    write(
        t + "outside-name",
        cat(bytes(1), chunk(text(json.replace("notes.txt", "../notes.txt"))), files));
    write(
        t + "symbolic-link",
        cat(bytes(1), chunk(text(json)), bytes(3), chunk(params), bytes(1), chunk(text("n"))));
    write(
        t + "lfs-pointer",
        cat(
            bytes(1),
            chunk(text(json)),
            bytes(0),
            chunk(text("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n")),
            bytes(1),
            chunk(text("n"))));
    write(
        t + "other-shape",
        cat(
            bytes(1),
            chunk(text(json)),
            bytes(0),
            chunk(tinyParameters(4)),
            bytes(1),
            chunk(text("n"))));
    write(
        t + "truncated-parameters",
        cat(
            bytes(1),
            chunk(text(json)),
            bytes(0),
            chunk(Arrays.copyOf(params, params.length / 2)),
            bytes(1),
            chunk(text("n"))));
    write(
        t + "named-file",
        cat(
            bytes(1),
            chunk(text(json.replace("notes.txt", "a b"))),
            bytes(0),
            chunk(params),
            bytes(2, 3),
            text("a b"),
            chunk(text("n"))));
    write(
        t + "not-json",
        cat(bytes(1), chunk(text("{\"format\": \"zoo-checkpoint/1\", \"epoch\": "))));
    write(t + "keras", cat(bytes(1), chunk(text("{\"format\": \"keras\"}"))));
    write(t + "array", cat(bytes(1), chunk(text("[1, 2]"))));
  }

  private void bytePairEncoding() throws IOException {
    String t = "BytePairEncodingFuzzTestInputs/parse/";
    write(
        t + "valid",
        cat(chunk(text("zoo-bpe/1\n104 105\n256 33\n32 256\n")), text("hi! hi there")));
    write(t + "no-merges", cat(chunk(text("zoo-bpe/1\n")), text("caf\u00e9 12")));
    write(t + "no-header", cat(chunk(text("104 105\n")), text("hi")));
    write(t + "not-a-number", cat(chunk(text("zoo-bpe/1\n104 x\n")), text("hi")));
    write(t + "later-token", cat(chunk(text("zoo-bpe/1\n104 256\n")), text("hi")));
    write(t + "one-number", cat(chunk(text("zoo-bpe/1\n104\n")), text("hi")));
  }

  private void charVocabulary() throws IOException {
    String t = "CharVocabularyFuzzTestInputs/parse/";
    write(t + "valid", cat(bytes(0), chunk(text("10 32 97 98 99")), text("abc cab\nd")));
    write(t + "tokenizer-char", cat(bytes(252), chunk(text("104 105")), text("hi")));
    write(t + "tokenizer-unknown", cat(bytes(255), chunk(text("104 105")), text("hi")));
    write(t + "empty", cat(bytes(0), chunk(text("   "))));
    write(t + "not-a-number", cat(bytes(0), chunk(text("97 b"))));
    write(t + "supplementary", cat(bytes(0), chunk(text("128512 97")), text("a\ud83d\ude00b")));
  }

  /** The parameter file of {@link CheckpointFuzzTest#tinyBlock}'s architecture for given inputs. */
  private static byte[] tinyParameters(int inputs) throws IOException {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Block block = Linear.builder().setUnits(3).build();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        block.saveParameters(out);
      }
      return bytes.toByteArray();
    }
  }

  private static byte[] image(String format, int type) throws IOException {
    BufferedImage image = new BufferedImage(3, 2, type);
    image.setRGB(0, 0, 0xff8040);
    image.setRGB(2, 1, 0x80ffffff);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("no " + format + " writer for type " + type);
    }
    return out.toByteArray();
  }

  private static byte[] idxImages(int count, int height, int width) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * height * width);
    b.putInt(0x803).putInt(count).putInt(height).putInt(width);
    for (int i = 0; i < count * height * width; i++) {
      b.put((byte) (i * 37));
    }
    return b.array();
  }

  private static byte[] idxLabels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(0x801).putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bom() {
    return bytes(0xef, 0xbb, 0xbf);
  }

  private static byte[] chunk(byte[] content) {
    return cat(bytes(content.length >> 8, content.length), content);
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private void write(String name, byte[] content) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }
}
