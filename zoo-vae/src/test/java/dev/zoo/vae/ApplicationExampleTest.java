package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Using it from your own application" example, on a small slice of the sample. */
class ApplicationExampleTest {

  @TempDir Path dir;

  @Test
  void trainSaveLoadEncodeScore() throws IOException {
    DataSplits sample = FashionMnist.embeddedSample();
    ImageSet train = sample.train().first(600);
    ImageSet test = sample.test().first(100);
    Path runs = dir.resolve("runs/vae");
    Path shoe = Fixtures.png(dir.resolve("shoe.png"), test.image(0), 28, 28);

    try (VariationalAutoencoder vae =
        VariationalAutoencoder.builder().variant("conv-vae").set("epochs", 1).build()) {
      vae.fit(train, test, runs);
      assertTrue(vae.evaluate(test).negativeElbo() > 0);
    }
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(runs)) {
      float[] code = vae.encode(shoe);
      ElboTerms score = vae.score(shoe);
      Images samples = vae.sample(16, 7);
      double[] all = vae.scores(test);
      assertEquals(16, code.length);
      assertEquals(score.reconstruction() + score.kl(), score.negativeElbo(), 1e-9);
      assertEquals(16, samples.size());
      assertEquals(100, all.length);
      Path saved = vae.save(dir.resolve("copy"));
      try (VariationalAutoencoder copy = VariationalAutoencoder.load(saved, "pytorch")) {
        Fixtures.assertCodes(new float[][] {code}, new float[][] {copy.encode(shoe)}, 1e-4);
      }
    }
  }
}
