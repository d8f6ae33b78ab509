package dev.zoo.transformer;

import dev.zoo.api.common.CheckpointException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentence encoder's quality check: triplets of a sentence, a paraphrase of it and an unrelated
 * sentence (the resource {@value #RESOURCE}, twelve written for the zoo, four of them from the
 * sentence-transformers documentation's semantic-search example). A good encoder places every
 * paraphrase closer to its sentence than the unrelated one.
 *
 * @param triplets each one sentence, its paraphrase and an unrelated sentence
 */
record SimilarityCheck(List<List<String>> triplets) {

  /** The class-path resource of the triplets, one per line, tab-separated, {@code #} comments. */
  static final String RESOURCE = "dev/zoo/transformer/similarity-triplets.tsv";

  /** The triplets that come with the zoo. */
  static SimilarityCheck shipped() {
    try (InputStream in = SimilarityCheck.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CheckpointException("The zoo-transformer jar lacks " + RESOURCE + ".");
      }
      List<List<String>> triplets = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          triplets.add(List.of(line.split("\t")));
        }
      }
      return new SimilarityCheck(triplets);
    } catch (IOException e) {
      throw new CheckpointException("Cannot read " + RESOURCE + ": " + e + ".", e);
    }
  }

  /**
   * The figures of {@code encoder} on the triplets.
   *
   * @return the fraction of triplets whose paraphrase is closer than the unrelated sentence, and
   *     the mean cosine of the sentences with their paraphrases and with the unrelated ones
   */
  Result measure(SentenceEncoder encoder) {
    List<String> texts = triplets.stream().flatMap(List::stream).toList();
    List<float[]> v = encoder.encode(texts);
    int right = 0;
    double paraphrase = 0;
    double unrelated = 0;
    for (int i = 0; i < triplets.size(); i++) {
      double near = MeanPooling.cosine(v.get(3 * i), v.get(3 * i + 1));
      double far = MeanPooling.cosine(v.get(3 * i), v.get(3 * i + 2));
      right += near > far ? 1 : 0;
      paraphrase += near;
      unrelated += far;
    }
    int n = triplets.size();
    return new Result(n, (double) right / n, paraphrase / n, unrelated / n);
  }

  /**
   * The figures of one check.
   *
   * @param triplets how many triplets were scored
   * @param accuracy the fraction whose paraphrase was closer, in [0, 1]
   * @param paraphraseCosine the mean cosine of a sentence and its paraphrase, in [-1, 1]
   * @param unrelatedCosine the mean cosine of a sentence and the unrelated one, in [-1, 1]
   */
  record Result(int triplets, double accuracy, double paraphraseCosine, double unrelatedCosine) {}
}
