package dev.zoo.tabular;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.data.TableFeatures;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifiedInputs;
import dev.zoo.api.model.OnnxClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zoo eval tabular} and {@code zoo predict tabular} on an exported ONNX file, on ONNX
 * Runtime: the rows are standardised with the statistics the file's description carries, as {@link
 * TabularClassifier} does.
 */
final class TabularOnnx {

  private TabularOnnx() {}

  static Report evaluate(TabularFamily family, ModelRequest request, RunContext context) {
    try (OnnxClassifier model = OnnxClassifier.open(family, request.checkpoint(), context)) {
      TableFeatures features = features(model);
      CsvTable test = TabularFamily.data(context.data(), model.info().seed()).get(1);
      return model.report(request.checkpoint(), test.source(), model.evaluate(features.rows(test)));
    }
  }

  static Report predict(TabularFamily family, ModelRequest request, RunContext context) {
    try (OnnxClassifier model = OnnxClassifier.open(family, request.checkpoint(), context)) {
      TableFeatures features = features(model);
      Map<String, List<Classification>> results = new LinkedHashMap<>();
      CsvTable.rowsOf(request.inputs(), features.columns(), features.label())
          .forEach(
              (where, row) -> results.put(where, model.predict(features.standardised(row), 3)));
      return new ClassifiedInputs(model.name(), "row", results).report();
    }
  }

  private static TableFeatures features(OnnxClassifier model) {
    return TableFeatures.fromMap(
        model.info().extra(), model.info().hyperparameters().get("label"), model.labels());
  }
}
