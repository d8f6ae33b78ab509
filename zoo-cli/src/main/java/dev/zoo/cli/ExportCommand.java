package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code zoo export FAMILY --checkpoint DIR|--model NAME --format onnx --out model.onnx}: writes a
 * saved model as an ONNX file that carries its description, for {@code zoo predict FAMILY
 * --checkpoint model.onnx} on ONNX Runtime or any other ONNX consumer.
 */
final class ExportCommand extends ModelCommand {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "onnx",
      description = "The format to write: onnx (opset 17), the default.")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The file to write (default: FAMILY-VARIANT.onnx); its folder must exist.")
  Path out;

  ExportCommand(Session session, ModelFamily family) {
    super(session, family, Action.EXPORT);
  }

  @Override
  Path out() {
    return out;
  }

  @Override
  Report act(ModelRequest request, RunContext context) {
    if (!format.trim().toLowerCase(Locale.ROOT).equals("onnx")) {
      throw new InvalidSettingException(
          "The zoo exports to onnx only, not to '" + format + "' (--format onnx).");
    }
    if (request.out() != null) {
      OnnxExport.checkFolder(request.out());
    }
    return family.export(request, context);
  }
}
