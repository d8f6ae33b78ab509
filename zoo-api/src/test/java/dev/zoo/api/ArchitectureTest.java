package dev.zoo.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of zoo-api's packages: no cycles between them, and the lower layers (everything but
 * the service interfaces in {@code dev.zoo.api} and the model base in {@code .model}) never reach
 * up to the command-line-facing ones.
 */
class ArchitectureTest {

  private static final JavaClasses API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.zoo.api");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.zoo.(**)").should().beFreeOfCycles().check(API);
  }

  @Test
  void lowerLayersDoNotDependOnTheServiceInterfacesOrTheModelBase() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.zoo.api.common..",
            "dev.zoo.api.data..",
            "dev.zoo.api.text..",
            "dev.zoo.api.image..",
            "dev.zoo.api.metrics..",
            "dev.zoo.api.engine..",
            "dev.zoo.api.checkpoint..",
            "dev.zoo.api.nn..",
            "dev.zoo.api.train..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.zoo.api", "dev.zoo.api.model..")
        .check(API);
  }
}
