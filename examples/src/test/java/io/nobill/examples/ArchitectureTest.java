package io.nobill.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrows point toward core only: jdbc → core, stripe → core, servlet → stripe → core, testing →
 * core, and no library → testing. This module sees every artifact, so it is where the arrows
 * between them are checked.
 * (Rules allow an empty module: an adapter with no code yet has nothing to violate.)
 */
class ArchitectureTest {
  private static JavaClasses nobill;

  @BeforeAll
  static void importAll() {
    nobill = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/examples/") && !location.contains("/benchmarks/"))
        .importPackages("io.nobill");
  }

  /** Adapters build on what core exports: its API and its SPI, never its implementations. */
  @Test
  void adaptersUseOnlyTheCoresApiAndSpi() {
    noClasses().that().resideInAnyPackage("io.nobill.jdbc..", "io.nobill.stripe..", "io.nobill.servlet..",
            "io.nobill.testing..")
        .should().dependOnClassesThat().resideInAPackage("io.nobill.core.internal..")
        .check(nobill);
  }

  /**
   * No cycle between artifacts. (Within billing-core no package cycle is allowed either; that is
   * CoreArchitectureTest's rule. An adapter's entry package and its internal package may refer to
   * each other: its public exception and settings types are used by its implementation.)
   */
  @Test
  void noCyclesBetweenArtifacts() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("io.nobill.(*)..")
        .should().beFreeOfCycles()
        .check(nobill);
  }

  @Test
  void coreDependsOnNoAdapter() {
    noClasses().that().resideInAPackage("io.nobill.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.jdbc..", "io.nobill.stripe..", "io.nobill.servlet..")
        .check(nobill);
  }

  @Test
  void theJdbcStoreKnowsNothingOfStripeOrServlets() {
    noClasses().that().resideInAPackage("io.nobill.jdbc..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.stripe..", "io.nobill.servlet..")
        .allowEmptyShould(true)
        .check(nobill);
  }

  @Test
  void theStripeProviderKnowsNothingOfJdbcOrServlets() {
    noClasses().that().resideInAPackage("io.nobill.stripe..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.jdbc..", "io.nobill.servlet..")
        .allowEmptyShould(true)
        .check(nobill);
  }

  @Test
  void theServletKnowsNothingOfJdbc() {
    noClasses().that().resideInAPackage("io.nobill.servlet..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.jdbc..")
        .allowEmptyShould(true)
        .check(nobill);
  }

  @Test
  void theTestingArtifactBuildsOnCoreAlone() {
    noClasses().that().resideInAPackage("io.nobill.testing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.jdbc..", "io.nobill.stripe..", "io.nobill.servlet..",
            "org.junit..", "org.assertj..", "net.jqwik..")
        .check(nobill);
  }

  @Test
  void noLibraryDependsOnTheTestingArtifact() {
    noClasses().that().resideInAnyPackage("io.nobill.core..", "io.nobill.jdbc..", "io.nobill.stripe..", "io.nobill.servlet..")
        .should().dependOnClassesThat().resideInAPackage("io.nobill.testing..")
        .check(nobill);
  }

  @Test
  void noLibraryCodeReachesIntoTheExamplesOrBenchmarks() {
    noClasses().that().resideInAnyPackage("io.nobill.core..", "io.nobill.jdbc..", "io.nobill.stripe..", "io.nobill.servlet..",
            "io.nobill.testing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.examples..", "io.nobill.bench..")
        .check(nobill);
  }
}
