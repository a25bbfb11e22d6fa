package io.nobill.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
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

  /**
   * The layers of docs/architecture: values and errors at the bottom, pricing above them, the
   * API services (interfaces) above those, the SPI over values only, the internal
   * implementations over API and SPI, and {@code Billing} on top. A cycle anywhere would let a
   * change at the bottom ripple through everything, so none is allowed.
   */
  @Test
  void noPackageCycles() {
    SlicesRuleDefinition.slices().matching("io.nobill.(core).(**)").namingSlices("$2")
        .should().beFreeOfCycles()
        .check(core);
    SlicesRuleDefinition.slices().matching("io.nobill.(**)").namingSlices("$1")
        .should().beFreeOfCycles()
        .check(core);
  }

  @Test
  void onlyTheEntryPointWiresTheInternals() {
    noClasses().that().resideOutsideOfPackage("io.nobill.core.internal..")
        .and().doNotBelongToAnyOf(Billing.class, Billing.Builder.class)
        .should().dependOnClassesThat().resideInAPackage("io.nobill.core.internal..")
        .because("hosts and adapters see the API and the SPI; only Billing.builder() knows the implementations")
        .check(core);
  }

  @Test
  void theSpiDependsOnValuesOnly() {
    noClasses().that().resideInAPackage("io.nobill.core.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nobill.core.internal..", "io.nobill.core.store..",
            "io.nobill.core.payment..", "io.nobill.core.tax.regional..")
        .orShould().dependOnClassesThat().belongToAnyOf(Billing.class)
        .check(core);
  }

  @Test
  void theApiAndItsValuesNeverDependOnTheSpiTransactions() {
    noClasses().that().resideOutsideOfPackages("io.nobill.core.spi..", "io.nobill.core.internal..",
            "io.nobill.core.store..")
        .should().dependOnClassesThat().belongToAnyOf(TenantTransaction.class, PlatformTransaction.class)
        .because("a host can reach no method that takes or hands out a store transaction")
        .check(core);
  }

  @Test
  void noPublicMethodOutsideTheSpiTakesATransaction() {
    methods().that().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackages("io.nobill.core.spi..", "io.nobill.core.internal..")
        .should(new ArchCondition<JavaMethod>("take no store transaction") {
          @Override
          public void check(JavaMethod method, ConditionEvents events) {
            for (JavaClass type : method.getRawParameterTypes()) {
              if (type.isEquivalentTo(TenantTransaction.class) || type.isEquivalentTo(PlatformTransaction.class)) {
                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes a " + type.getSimpleName()));
              }
            }
          }
        })
        .check(core);
  }
}
