package dev.zoo.transformer;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.zoo.api.common.CheckpointException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WordPiece tokenizer of a BERT model, read from its Hugging Face {@code tokenizer.json} (the
 * {@code model.vocab} table of word pieces to ids and the {@code normalizer.lowercase} flag),
 * tokenising with DJL's {@link BertFullTokenizer}: control characters removed, white space split,
 * lower-cased, accents stripped (NFD), punctuation split off, then each word cut greedily into the
 * longest word pieces of the vocabulary ({@code ##} continues a word; a word that cannot be cut
 * becomes {@code [UNK]}). Its output is {@code [CLS] pieces... [SEP]}, the input of BERT (Devlin et
 * al., "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", 2019,
 * and Google's {@code tokenization.py}).
 *
 * <p>Unlike Hugging Face's tokenizer, DJL's does not put spaces around CJK ideographs, and it turns
 * a word of more than 200 characters (not 100) into {@code [UNK]}; English text tokenises the same.
 */
public final class WordPieceTokenizer {

  private static final String CLS = "[CLS]";
  private static final String SEP = "[SEP]";
  private static final String UNK = "[UNK]";

  private final Map<String, Integer> ids;
  private final BertFullTokenizer pieces;

  private WordPieceTokenizer(Map<String, Integer> ids, boolean lowerCase) {
    this.ids = ids;
    this.pieces =
        new BertFullTokenizer(new DefaultVocabulary(new ArrayList<>(ids.keySet())), lowerCase);
  }

  /**
   * Reads a WordPiece tokenizer from a Hugging Face {@code tokenizer.json}.
   *
   * @throws CheckpointException when the file cannot be read, is not JSON, is not a WordPiece
   *     tokenizer or lacks {@code [CLS]}, {@code [SEP]} or {@code [UNK]}
   */
  public static WordPieceTokenizer read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonObject json = JsonParser.parseReader(reader).getAsJsonObject();
      JsonObject model = json.getAsJsonObject("model");
      if (model == null
          || !"WordPiece".equals(string(model, "type"))
          || !model.has("vocab")
          || !model.get("vocab").isJsonObject()) {
        throw new CheckpointException(file + " is not a WordPiece tokenizer.");
      }
      Map<String, Integer> ids = new HashMap<>();
      for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
        ids.put(e.getKey(), e.getValue().getAsInt());
      }
      for (String special : List.of(CLS, SEP, UNK)) {
        if (!ids.containsKey(special)) {
          throw new CheckpointException(file + " has no " + special + " token.");
        }
      }
      JsonObject normalizer = json.getAsJsonObject("normalizer");
      boolean lowerCase =
          normalizer == null
              || !normalizer.has("lowercase")
              || normalizer.get("lowercase").getAsBoolean();
      return new WordPieceTokenizer(ids, lowerCase);
    } catch (IOException e) {
      throw new CheckpointException("Cannot read the tokenizer " + file + ": " + e + ".", e);
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      throw new CheckpointException("The tokenizer " + file + " is not valid JSON.", e);
    }
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  /** The number of word pieces in the vocabulary, e.g. 30,522. */
  public int vocabularySize() {
    return ids.size();
  }

  /** The word pieces of {@code text}, without {@code [CLS]} and {@code [SEP]}. */
  public List<String> wordPieces(String text) {
    return pieces.tokenize(text);
  }

  /**
   * The ids of {@code [CLS]}, the first word pieces of {@code text} and {@code [SEP]}, at most
   * {@code maxTokens} in all.
   *
   * @param maxTokens the model's limit, at least 2
   */
  public TokenizedText encode(String text, int maxTokens) {
    List<String> all = wordPieces(text);
    int kept = Math.min(all.size(), maxTokens - 2);
    long[] out = new long[kept + 2];
    out[0] = ids.get(CLS);
    for (int i = 0; i < kept; i++) {
      out[i + 1] = ids.getOrDefault(all.get(i), ids.get(UNK));
    }
    out[kept + 1] = ids.get(SEP);
    return new TokenizedText(out, all.size());
  }

  /**
   * A text as the model's input.
   *
   * @param ids the token ids, {@code [CLS]} first and {@code [SEP]} last
   * @param wordPieces how many word pieces the whole text has (more than {@code ids.length - 2}
   *     when it was cut)
   */
  public record TokenizedText(long[] ids, int wordPieces) {

    /** Whether word pieces were left out to keep within the model's limit. */
    public boolean truncated() {
      return wordPieces > ids.length - 2;
    }
  }
}
