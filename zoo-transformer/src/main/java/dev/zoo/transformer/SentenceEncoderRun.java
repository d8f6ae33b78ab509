package dev.zoo.transformer;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.common.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo encode transformer} and {@code zoo eval transformer} on a pretrained sentence encoder
 * ({@link SentenceEncoder}, e.g. {@code --model minilm}): the sentence vector of each input, and
 * the {@link SimilarityCheck} figures.
 */
final class SentenceEncoderRun {

  private SentenceEncoderRun() {}

  /**
   * The unit-length vector of each input (a text, or a file holding one).
   *
   * @throws InvalidSettingException when there is no input or an option was given, or the
   *     checkpoint is not a sentence encoder
   */
  static Report encode(ModelRequest request, RunContext context) {
    request.allowOnly("zoo encode transformer", "csv");
    if (!SentenceEncoder.isEncoderFolder(request.checkpoint())) {
      throw new InvalidSettingException(
          "zoo encode transformer takes a sentence encoder (e.g. --model minilm); "
              + request.checkpoint()
              + " is not one.");
    }
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Give at least one text (or a text file) to encode.");
    }
    refuseOtherEngines(context);
    if (request.has("csv")) {
      if (request.inputs().size() != 1) {
        throw new InvalidSettingException(
            "--csv takes one labelled text set (a folder of files or a text,label CSV) as input.");
      }
      Path out = Path.of(request.text("csv", ""));
      if (Files.isDirectory(out)) {
        throw new InvalidSettingException("--csv names a folder, not a file: " + out + ".");
      }
      LabelledTexts set = LabelledTexts.locate(Path.of(request.inputs().get(0)));
      try (SentenceEncoder encoder = open(request, context)) {
        return SentenceFeatures.write(encoder, set, out, context);
      }
    }
    List<String> texts = new ArrayList<>();
    for (String input : request.inputs()) {
      texts.add(ClassifierRun.read(input));
    }
    try (SentenceEncoder encoder = open(request, context)) {
      List<WordPieceTokenizer.TokenizedText> tokens = new ArrayList<>();
      for (String text : texts) {
        WordPieceTokenizer.TokenizedText t = encoder.tokenize(text);
        tokens.add(t);
        if (t.truncated()) {
          context
              .log()
              .printf(
                  Locale.ROOT,
                  "Note: %s has %,d word pieces; the encoder reads its first %d tokens.%n",
                  SentenceVectors.shorten(text),
                  t.wordPieces(),
                  SentenceEncoder.MAX_TOKENS);
        }
      }
      List<float[]> vectors = encoder.encode(texts);
      return new SentenceVectors(request.inputs(), tokens, vectors).report();
    }
  }

  /**
   * Refuses an engine other than ONNX Runtime asked for by {@code --engine} or {@code ZOO_ENGINE}.
   *
   * @throws InvalidSettingException when another engine was asked for
   */
  private static void refuseOtherEngines(RunContext context) {
    String asked = context.engineRequest().engine();
    if (asked != null && !asked.equalsIgnoreCase("onnxruntime")) {
      throw new InvalidSettingException(
          "A sentence encoder is an ONNX file and runs on ONNX Runtime only, not on "
              + asked
              + "; give --engine onnxruntime or none.");
    }
  }

  /** Loads the request's encoder after saying which engine runs it. */
  private static SentenceEncoder open(ModelRequest request, RunContext context) {
    context.log().println("Engine: onnxruntime on cpu: a sentence encoder is an ONNX file.");
    return SentenceEncoder.load(request.checkpoint());
  }

  /**
   * The encoder's {@link SimilarityCheck} figures: {@code triplet_accuracy}, {@code
   * paraphrase_cosine}, {@code unrelated_cosine}.
   *
   * @throws InvalidSettingException when an option was given
   */
  static Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval transformer");
    if (context.data() != null) {
      throw new InvalidSettingException(
          "A sentence encoder is evaluated on the zoo's own similarity triplets; --data does not"
              + " apply.");
    }
    refuseOtherEngines(context);
    SimilarityCheck check = SimilarityCheck.shipped();
    try (SentenceEncoder encoder = open(request, context)) {
      SimilarityCheck.Result r = check.measure(encoder);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("triplet_accuracy", r.accuracy());
      json.put("paraphrase_cosine", r.paraphraseCosine());
      json.put("unrelated_cosine", r.unrelatedCosine());
      json.put("triplets", r.triplets());
      json.put("checkpoint", request.checkpoint().toString());
      json.put("engine", "onnxruntime");
      String text =
          String.format(
              Locale.ROOT,
              "Evaluated the sentence encoder in %s on %d triplets (a sentence, a paraphrase, an"
                  + " unrelated sentence) on ONNX Runtime.%n"
                  + "Paraphrase closer than the unrelated sentence: %.4f of triplets.%n"
                  + "Mean cosine with the paraphrase %.4f, with the unrelated sentence %.4f.%n",
              request.checkpoint(),
              r.triplets(),
              r.accuracy(),
              r.paraphraseCosine(),
              r.unrelatedCosine());
      return new Report(text, json);
    }
  }
}
