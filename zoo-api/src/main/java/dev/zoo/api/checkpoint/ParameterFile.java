package dev.zoo.api.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBaseBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.zoo.api.common.CheckpointException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UTFDataFormatException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parameter file in DJL's format ({@code Block.saveParameters}) checked against the initialised
 * block it is meant for, before any of it reaches DJL: every parameter must be there, under its
 * name, with the block's data type and shape and exactly the bytes that shape needs, and nothing
 * may follow the last one. DJL trusts the sizes a file declares and allocates them before reading
 * (an array of dimensions, a direct buffer for the values) and takes each parameter's shape from
 * the file, so a damaged or foreign file would otherwise exhaust memory or load silently into a
 * model it does not fit. Every value must be a finite number ({@link FiniteValues}).
 *
 * <p>DJL then reads {@link #stream()}: each block's own version and metadata (layer sizes, input
 * shapes; the file's are skipped by their length) and the file's checked parameter records.
 */
final class ParameterFile {
  private static final Method SAVE_METADATA;
  private static final Field VERSION;

  static {
    try {
      SAVE_METADATA =
          AbstractBaseBlock.class.getDeclaredMethod("saveMetadata", DataOutputStream.class);
      SAVE_METADATA.setAccessible(true);
      VERSION = AbstractBaseBlock.class.getDeclaredField("version");
      VERSION.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Path file;
  private final String what;
  private final long size;
  private final List<byte[]> own = new ArrayList<>();
  private final List<long[]> records = new ArrayList<>();
  private Counting counted;
  private DataInputStream in;

  private ParameterFile(Path file, String what) throws IOException {
    this.file = file;
    this.what = what;
    this.size = Files.size(file);
  }

  /**
   * Checks {@code file} against {@code block}, whose parameters must be initialised.
   *
   * @param what the start of every message, e.g. "Checkpoint runs/x does not fit this model:
   *     model.params"
   * @throws CheckpointException when the file does not hold exactly the block's parameters
   * @throws IOException when the file cannot be read
   */
  static ParameterFile check(Path file, String what, Block block) throws IOException {
    ParameterFile checked = new ParameterFile(file, what);
    try (InputStream raw = Files.newInputStream(file)) {
      checked.counted = new Counting(new BufferedInputStream(raw, 1 << 16));
      checked.in = new DataInputStream(checked.counted);
      checked.block(block, "");
    } catch (EOFException e) {
      throw checked.refuse("is truncated");
    } catch (UTFDataFormatException e) {
      throw checked.refuse("is damaged (a name is not valid text)");
    }
    long after = checked.size - checked.counted.count;
    if (after != 0) {
      throw checked.refuse("has " + after + " bytes after its last parameter");
    }
    return checked;
  }

  /** What DJL's {@code loadParameters} reads: own version and metadata, the file's records. */
  DataInputStream stream() throws IOException {
    InputStream raw = Files.newInputStream(file);
    List<InputStream> parts = new ArrayList<>();
    long at = 0;
    for (int i = 0; i < own.size(); i++) {
      parts.add(new ByteArrayInputStream(own.get(i)));
      long[] range = records.get(i);
      if (range[1] > range[0]) {
        parts.add(new Range(raw, range[0] - at, range[1] - range[0]));
        at = range[1];
      }
    }
    InputStream joined = new SequenceInputStream(Collections.enumeration(parts));
    return new DataInputStream(new BufferedInputStream(new Closing(joined, raw), 1 << 16));
  }

  private void block(Block block, String prefix) throws IOException {
    byte[] header = headerOf(block);
    if (header.length > 0 && in.readByte() != header[0]) {
      throw refuse("does not match the layers of this model (byte " + (counted.count - 1) + ")");
    }
    // The file's metadata is skipped: DJL reads the block's own, which has the same length.
    skip(header.length - Math.min(1, header.length));
    own.add(header);
    long start = counted.count;
    for (Parameter p : block.getDirectParameters().values()) {
      parameter(p, prefix + p.getName());
    }
    records.add(new long[] {start, counted.count});
    for (var child : block.getChildren()) {
      block(child.getValue(), prefix + child.getKey() + "_");
    }
  }

  /**
   * What {@code block.saveParameters} writes before its parameters: the version and metadata of
   * most blocks, the layout of their own of others (such as an embedding's sparse format).
   */
  private static byte[] headerOf(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (block instanceof AbstractBaseBlock && !overrides(block, "saveParameters")) {
        out.writeByte(VERSION.getByte(block));
        SAVE_METADATA.invoke(block, out);
        return bytes.toByteArray();
      }
      block.saveParameters(out);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Cannot describe " + block.getClass().getName(), e);
    }
    long rest = 0;
    for (Parameter p : block.getDirectParameters().values()) {
      rest += length(p::save);
    }
    for (Block child : block.getChildren().values()) {
      rest += length(child::saveParameters);
    }
    byte[] all = bytes.toByteArray();
    if (rest > all.length) {
      throw new IllegalStateException(block.getClass().getName() + " saves in an unknown layout");
    }
    return java.util.Arrays.copyOf(all, (int) (all.length - rest));
  }

  private static long length(CheckpointWriter.Content content) throws IOException {
    Counted counted = new Counted();
    try (DataOutputStream out = new DataOutputStream(counted)) {
      content.write(out);
    }
    return counted.count;
  }

  private void parameter(Parameter p, String name) throws IOException {
    char magic = in.readChar();
    if (magic != 'P') {
      throw refuse(
          magic == 'N'
              ? "holds no values for parameter " + name
              : "does not match the layers of this model (byte " + (counted.count - 2) + ")");
    }
    if (in.readByte() != 1 || !in.readUTF().equals(p.getName())) {
      throw refuse("does not hold parameter " + name + " where this model has it");
    }
    if (!in.readUTF().equals("NDAR")) {
      throw refuse("holds no array for parameter " + name);
    }
    int version = in.readInt();
    if (version < 1 || version > 3) {
      throw refuse("holds parameter " + name + " in an unknown array format " + version);
    }
    if (version > 1 && in.readByte() == 1) {
      in.readUTF();
    }
    in.readUTF();
    NDArray expected = p.getArray();
    Shape shape = expected.getShape();
    String dataType = in.readUTF();
    int dimensions = in.readInt();
    String type = expected.getDataType().name();
    if (!dataType.equals(type)) {
      throw refuse("holds parameter " + name + " as " + dataType + ", not " + type);
    }
    if (dimensions != shape.dimension()) {
      throw refuse("holds parameter " + name + " of another shape than " + shape);
    }
    long[] dims = new long[dimensions];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = in.readLong();
    }
    if (!java.util.Arrays.equals(dims, shape.getShape())) {
      String found = java.util.Arrays.toString(dims).replace('[', '(').replace(']', ')');
      throw refuse("holds parameter " + name + " of shape " + found + ", not " + shape);
    }
    if (in.readInt() != dimensions) {
      throw refuse("holds parameter " + name + " with a damaged shape");
    }
    skip(2L * dimensions);
    boolean littleEndian = version > 2 && in.readByte() == '<';
    long bytes = shape.size() * expected.getDataType().getNumOfBytes();
    if (in.readInt() != bytes) {
      throw refuse("holds parameter " + name + " with another number of values than " + shape);
    }
    FiniteValues.check(in, bytes, expected.getDataType(), littleEndian, file, name);
  }

  private static boolean overrides(Block block, String method) {
    try {
      return block.getClass().getMethod(method, DataOutputStream.class).getDeclaringClass()
          != AbstractBaseBlock.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  private CheckpointException refuse(String problem) {
    return new CheckpointException(what + " " + problem + ".");
  }

  /** Skips {@code n} bytes, which the file must have. */
  private void skip(long n) throws IOException {
    if (n > size - counted.count) {
      throw new EOFException();
    }
    in.skipNBytes(n);
  }

  /** An output stream that only counts. */
  private static final class Counted extends java.io.OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** A stream that counts the bytes read or skipped through it. */
  private static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      count += Math.max(0, n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** The next {@code length} bytes of a shared stream, after skipping {@code gap} bytes. */
  private static final class Range extends FilterInputStream {
    private long gap;
    private long left;

    Range(InputStream shared, long gap, long length) {
      super(shared);
      this.gap = gap;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (gap > 0) {
        in.skipNBytes(gap);
        gap = 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    /** Leaves the shared stream open: it is closed with the whole. */
    @Override
    public void close() {}
  }

  /** A stream that also closes the file under it. */
  private static final class Closing extends FilterInputStream {
    private final InputStream file;

    Closing(InputStream joined, InputStream file) {
      super(joined);
      this.file = file;
    }

    @Override
    public void close() throws IOException {
      try (InputStream f = file) {
        super.close();
      }
    }
  }
}
