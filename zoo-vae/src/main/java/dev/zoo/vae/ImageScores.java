package dev.zoo.vae;

/**
 * The negative-ELBO terms and latent means of a list of images, one entry per image, as one pass of
 * the encoder and decoder gives them.
 */
final class ImageScores {

  private final float[] reconstruction;
  private final float[] kl;
  private final float[][] means;

  ImageScores(int count, int latent) {
    this.reconstruction = new float[count];
    this.kl = new float[count];
    this.means = new float[count][latent];
  }

  void set(int i, float reconstructionTerm, float klTerm, float[] mean) {
    reconstruction[i] = reconstructionTerm;
    kl[i] = klTerm;
    means[i] = mean;
  }

  int size() {
    return kl.length;
  }

  ElboTerms terms(int i) {
    return new ElboTerms(reconstruction[i], kl[i]);
  }

  float[] mean(int i) {
    return means[i];
  }

  float[][] means() {
    return means;
  }

  /** Each image's negative ELBO. */
  double[] negativeElbo() {
    double[] scores = new double[kl.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (double) reconstruction[i] + kl[i];
    }
    return scores;
  }

  /** The terms averaged over the images whose {@code include} entry is true (null: all). */
  ElboTerms average(boolean[] include) {
    double r = 0;
    double k = 0;
    int n = 0;
    for (int i = 0; i < kl.length; i++) {
      if (include == null || include[i]) {
        r += reconstruction[i];
        k += kl[i];
        n++;
      }
    }
    return new ElboTerms(r / Math.max(1, n), k / Math.max(1, n));
  }
}
