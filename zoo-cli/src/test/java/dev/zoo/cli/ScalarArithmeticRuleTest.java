package dev.zoo.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No family or shared code multiplies, divides, raises or compares an array with a Java number
 * through DJL's {@code NDArray} methods: on the PyTorch engine their gradients read freed memory
 * (see {@code dev.zoo.api.nn.Scalars}, which every module uses instead).
 */
class ScalarArithmeticRuleTest {

  private static final JavaClasses ZOO =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.zoo");

  @Test
  void arraysMeetScalarsOnlyThroughScalars() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.zoo.api.nn.Scalars")
        .should()
        .callMethod(NDArray.class, "mul", Number.class)
        .orShould()
        .callMethod(NDArray.class, "div", Number.class)
        .orShould()
        .callMethod(NDArray.class, "pow", Number.class)
        .orShould()
        .callMethod(NDArray.class, "maximum", Number.class)
        .orShould()
        .callMethod(NDArray.class, "minimum", Number.class)
        .because("DJL's PyTorch engine frees the scalar that autograd keeps for the backward pass")
        .check(ZOO);
  }
}
