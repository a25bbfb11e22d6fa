package io.nobill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Billing;
import io.nobill.testing.TestBilling;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A host that is itself a JPMS module, compiled and run against the named modules
 * {@code io.nobill.core} and {@code io.nobill.testing} on the module path — the way the tests of
 * this build run them on the class path. It proves three things the class path cannot: the
 * modules resolve with nothing but slf4j beside them; a host that imports an internal package
 * does not compile; and a host that reaches into {@code Billing} by reflection is refused at
 * run time.
 */
class ModulePathTest {
  private static String modulePath;

  @TempDir
  Path dir;

  @BeforeAll
  static void locateModules() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(Billing.class, TestBilling.class, LoggerFactory.class)) {
      entries.add(location(c));
    }
    modulePath = String.join(File.pathSeparator, entries);
  }

  @Test
  void aHostModuleBuildsAndRunsBillingOnTheModulePath() throws Exception {
    Path classes = compile("""
        module host {
          requires io.nobill.core;
          requires io.nobill.testing;
        }
        """, """
        package example.host;

        import io.nobill.core.Billing;
        import io.nobill.core.access.Actor;
        import io.nobill.core.catalog.SeedCatalog;
        import io.nobill.core.id.UserId;
        import io.nobill.core.org.NewOrganization;
        import io.nobill.core.spi.TaxCalculator;
        import io.nobill.core.store.InMemoryBillingStore;
        import io.nobill.testing.TestClock;
        import java.util.Currency;
        import java.util.Locale;
        import java.util.Optional;
        import java.util.UUID;

        public class Main {
          public static void main(String[] args) throws Exception {
            Billing billing = Billing.builder().store(InMemoryBillingStore.create())
                .clock(TestClock.at("2026-01-01T00:00:00Z")).catalog(SeedCatalog.create("EUR"))
                .taxCalculator(TaxCalculator.NONE).build();
            UserId owner = UserId.of(new UUID(1, 1));
            var org = billing.organizations().provision(Actor.operator("ops"), new NewOrganization(Optional.empty(),
                "Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Currency.getInstance("EUR"),
                Locale.GERMANY, owner));
            System.out.println("provisioned " + org.name());
            System.out.println("audit intact " + billing.audit().verify(Actor.member(owner), org.id()).intact());
            try {
              var field = Billing.class.getDeclaredField("services");
              field.setAccessible(true);
              System.out.println("reached " + field.get(billing));
            } catch (RuntimeException e) {
              System.out.println("refused " + e.getClass().getSimpleName());
            }
          }
        }
        """);

    Process run = new ProcessBuilder(java(), "--module-path", classes + File.pathSeparator + modulePath,
        "-m", "host/example.host.Main").redirectErrorStream(true).start();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(run.exitValue()).as(out).isZero();
    assertThat(out).contains("provisioned Acme GmbH", "audit intact true", "refused InaccessibleObjectException")
        .doesNotContain("reached");
  }

  @Test
  void aHostModuleThatImportsAnInternalPackageDoesNotCompile() throws IOException {
    String failure = compileFailure("""
        module host {
          requires io.nobill.core;
        }
        """, """
        package example.host;

        import io.nobill.core.internal.ledger.CoreLedger;

        public class Main {
          CoreLedger ledger;
        }
        """);

    assertThat(failure).contains("io.nobill.core.internal.ledger").contains("does not export");
  }

  private Path compile(String moduleInfo, String main) throws IOException {
    StringWriter diagnostics = new StringWriter();
    Path out = dir.resolve("classes");
    boolean ok = javac(moduleInfo, main, out, diagnostics);
    assertThat(ok).as(diagnostics.toString()).isTrue();
    return out;
  }

  private String compileFailure(String moduleInfo, String main) throws IOException {
    StringWriter diagnostics = new StringWriter();
    boolean ok = javac(moduleInfo, main, dir.resolve("classes"), diagnostics);
    assertThat(ok).as("compiled, but should not have").isFalse();
    return diagnostics.toString();
  }

  private boolean javac(String moduleInfo, String main, Path out, StringWriter diagnostics) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("example/host"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(src.resolve("example/host/Main.java"), main);
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // An empty class path: javac run in-process would otherwise default to this JVM's class path,
    // where every artifact sits in the unnamed module.
    Path emptyClassPath = Files.createDirectories(dir.resolve("empty"));
    List<String> args = new ArrayList<>(List.of("--module-path", modulePath, "--class-path", emptyClassPath.toString(),
        "-d", out.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, err, err, args.toArray(String[]::new));
    diagnostics.write(err.toString(StandardCharsets.UTF_8));
    return status == 0;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
