package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained all-MiniLM-L6-v2 on ONNX Runtime: its vectors against an independent computation
 * ({@code bench/minilm_reference.py}: BERT tokenisation written after Google's, the ONNX graph run
 * op by op in NumPy), their shape, length and repeatability, the similarity check, and its limits.
 */
class SentenceEncoderTest {

  private static final String REFERENCE = "dev/zoo/transformer/minilm-reference.json";

  @TempDir static Path cache;

  private static SentenceEncoder encoder;

  @BeforeAll
  static void load() {
    System.setProperty(ZooCache.PROPERTY, cache.toString());
    encoder = SentenceEncoder.pretrained("minilm");
  }

  @AfterAll
  static void close() {
    encoder.close();
    System.clearProperty(ZooCache.PROPERTY);
  }

  @Test
  void matchesTheIndependentComputationWithin1e4() throws IOException {
    JsonArray reference;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(REFERENCE)) {
      reference =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonArray();
    }
    List<String> texts = new ArrayList<>();
    for (JsonElement e : reference) {
      texts.add(e.getAsJsonObject().get("text").getAsString());
    }
    List<float[]> batched = encoder.encode(texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonObject r = reference.get(i).getAsJsonObject();
      JsonArray ids = r.getAsJsonArray("ids");
      long[] expectedIds = new long[ids.size()];
      for (int k = 0; k < ids.size(); k++) {
        expectedIds[k] = ids.get(k).getAsLong();
      }
      assertArrayEquals(expectedIds, encoder.tokenize(texts.get(i)).ids(), texts.get(i));
      JsonArray vector = r.getAsJsonArray("vector");
      float[] alone = encoder.encode(texts.get(i));
      assertEquals(384, alone.length);
      for (int k = 0; k < alone.length; k++) {
        double expected = vector.get(k).getAsDouble();
        assertEquals(expected, alone[k], 1e-4, texts.get(i) + " value " + k);
        assertEquals(expected, batched.get(i)[k], 1e-4, texts.get(i) + " in a batch, value " + k);
      }
    }
  }

  @Test
  void vectorsHaveUnitLengthAndRepeat() {
    List<String> texts = List.of("The kettle boiled.", "Two men pushed carts through the woods.");
    List<float[]> first = encoder.encode(texts);
    List<float[]> second = encoder.encode(texts);
    assertEquals(2, first.size());
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(384, first.get(i).length);
      assertEquals(1.0, MeanPooling.cosine(first.get(i), first.get(i)), 1e-5);
      assertArrayEquals(first.get(i), second.get(i));
    }
    assertTrue(MeanPooling.cosine(first.get(0), first.get(1)) < 0.99);
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedSentences() {
    float[] food = encoder.encode("A man is eating food.");
    float[] bread = encoder.encode("A man is eating a piece of bread.");
    float[] baby = encoder.encode("The girl is carrying a baby.");
    assertTrue(MeanPooling.cosine(food, bread) > MeanPooling.cosine(food, baby) + 0.5);
    SimilarityCheck.Result r = SimilarityCheck.shipped().measure(encoder);
    assertEquals(12, r.triplets());
    assertEquals(1.0, r.accuracy());
    assertTrue(r.paraphraseCosine() > 0.6 && r.unrelatedCosine() < 0.1, r.toString());
  }

  @Test
  void anEmptyTextIsClsAndSep() {
    WordPieceTokenizer.TokenizedText t = encoder.tokenize("");
    assertArrayEquals(new long[] {101, 102}, t.ids());
    assertFalse(t.truncated());
    float[] v = encoder.encode("   ");
    assertEquals(1.0, MeanPooling.cosine(v, v), 1e-5);
    assertArrayEquals(encoder.encode(""), v);
  }

  @Test
  void aTextOverTheLimitIsCutToItsFirst256Tokens() {
    String words = "alpha beta gamma delta ".repeat(100);
    WordPieceTokenizer.TokenizedText t = encoder.tokenize(words);
    assertEquals(SentenceEncoder.MAX_TOKENS, t.ids().length);
    assertTrue(t.truncated());
    assertEquals(400, t.wordPieces());
    assertEquals(102, t.ids()[SentenceEncoder.MAX_TOKENS - 1]);
    float[] whole = encoder.encode(words);
    float[] longer = encoder.encode(words + " and many more words that are never read");
    assertArrayEquals(whole, longer);
    assertFalse(encoder.tokenize("alpha beta gamma delta ".repeat(63)).truncated());
  }

  @Test
  void anUnknownNameOrAnotherFolderIsOneSentence() throws IOException {
    InvalidSettingException unknown =
        assertThrows(InvalidSettingException.class, () -> SentenceEncoder.pretrained("nowhere"));
    assertTrue(
        unknown.getMessage().startsWith("There is no pretrained model called nowhere"),
        unknown.getMessage());
    Path empty = Files.createDirectories(cache.resolve("empty"));
    assertFalse(SentenceEncoder.isEncoderFolder(empty));
    CheckpointException none =
        assertThrows(CheckpointException.class, () -> SentenceEncoder.load(empty));
    assertTrue(none.getMessage().contains("holds no sentence encoder"), none.getMessage());
    Path broken = Files.createDirectories(cache.resolve("broken"));
    Files.copy(
        encoder.folder().resolve("all-minilm-l6-v2-tokenizer.json"),
        broken.resolve("all-minilm-l6-v2-tokenizer.json"));
    Files.writeString(broken.resolve("all-minilm-l6-v2.onnx"), "not an ONNX file");
    CheckpointException bad =
        assertThrows(CheckpointException.class, () -> SentenceEncoder.load(broken));
    assertTrue(bad.getMessage().startsWith("ONNX Runtime cannot load"), bad.getMessage());
  }
}
