package io.nobill.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.nobill.core.Billing;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules that keep billing-core a pure domain: no frameworks, no wall clock, no printing. */
class CoreArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.nobill.core");
  }

  @Test
  void coreDependsOnlyOnTheJdkAndSlf4j() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.slf4j..", "io.nobill.core..")
        .because("billing-core must stay free of JDBC drivers, JSON, HTTP, Stripe and frameworks")
        .check(core);
  }

  @Test
  void theDomainNeverReadsTheWallClock() {
    noClasses()
        .should().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .orShould().callMethod(OffsetDateTime.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callConstructor(Date.class)
        .because("time comes from the Clock injected through Billing.builder()")
        .check(core);
  }

  @Test
  void onlyTheBuilderDefaultsToTheSystemClock() {
    noClasses().that().doNotBelongToAnyOf(Billing.Builder.class)
        .should().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone")
        .check(core);
  }

  @Test
  void libraryCodeNeitherPrintsNorUsesJavaUtilLogging() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(core);
    GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(core);
  }

  @Test
  void noFloatingPointInTheDomain() {
    noClasses().should().dependOnClassesThat().belongToAnyOf(Double.class, Float.class)
        .because("money and quantities are long minor units and BigDecimal")
        .check(core);
  }

  @Test
  void implementationPackagesAreNotPartOfTheApi() {
    noClasses().that().resideOutsideOfPackages("io.nobill.core.internal..", "io.nobill.core.spi..")
        .should().dependOnClassesThat().resideInAPackage("io.nobill.core.internal..")
        .because("internal classes are reached through the SPI's factories only")
        .check(core);
  }
}
