package dev.zoo.api.data;

/**
 * Labelled examples as rows of numbers, the form a classifier's training step reads: an image set
 * (a row is an image's pixels) or the features of a table.
 */
public interface Rows {

  /** The number of examples. */
  int size();

  /** The numbers per example, e.g. {@code height * width} pixels. */
  int rowLength();

  /** Copies example {@code i}'s numbers into {@code dest} from {@code offset}. */
  void copyRow(int i, float[] dest, int offset);

  /** Example {@code i}'s class index. */
  int label(int i);

  /**
   * Rows over a row-major matrix and its classes.
   *
   * @param values {@code classes.length * rowLength} numbers, row-major
   * @param classes one class index per row
   */
  static Rows of(float[] values, int[] classes) {
    int length = classes.length == 0 ? 0 : values.length / classes.length;
    return new Rows() {
      @Override
      public int size() {
        return classes.length;
      }

      @Override
      public int rowLength() {
        return length;
      }

      @Override
      public void copyRow(int i, float[] dest, int offset) {
        System.arraycopy(values, i * length, dest, offset, length);
      }

      @Override
      public int label(int i) {
        return classes[i];
      }
    };
  }
}
