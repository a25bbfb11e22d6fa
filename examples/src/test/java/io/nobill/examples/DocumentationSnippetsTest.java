package io.nobill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block in the README files and under {@code docs/} is compiled against
 * the project and run, so no snippet a reader copies is stale. A block that declares a
 * class is compiled as it stands; any other block is a sequence of statements, with its
 * leading imports, and is wrapped in a {@code main} method.
 */
class DocumentationSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_DECL = Pattern.compile("^public\\s+(?:final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE);

  @TempDir
  Path work;

  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("billing-core")) ? here : here.getParent();
  }

  static List<Path> documents() {
    Path root = repositoryRoot();
    List<Path> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 3)) {
      files.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.mvn/"))
          .sorted()
          .forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  @TestFactory
  Stream<DynamicTest> everyJavaSnippetCompilesAndRuns() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    Path root = repositoryRoot();
    for (Path doc : documents()) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher m = JAVA_BLOCK.matcher(text);
      int n = 0;
      while (m.find()) {
        int index = ++n;
        String snippet = m.group(1);
        String name = root.relativize(doc) + " snippet " + index;
        tests.add(DynamicTest.dynamicTest(name, () -> compileAndRun(snippet, "Snippet" + Math.abs(name.hashCode()))));
      }
    }
    assertThat(tests).as("the README carries at least one Java snippet").isNotEmpty();
    return tests.stream();
  }

  private void compileAndRun(String snippet, String wrapperName) throws Exception {
    String className;
    String source;
    Matcher decl = CLASS_DECL.matcher(snippet);
    if (decl.find()) {
      className = decl.group(1);
      source = snippet;
    } else {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : snippet.split("\n", -1)) {
        if (line.startsWith("import ")) {
          imports.append(line).append('\n');
        } else {
          body.append("    ").append(line).append('\n');
        }
      }
      className = wrapperName;
      source = imports + "public class " + className + " {\n  public static void main(String[] args) throws Exception {\n"
          + body + "  }\n}\n";
    }
    Path src = work.resolve("src").resolve(className + ".java");
    Path out = work.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(out);
    Files.writeString(src, source, StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, files, diagnostics,
          List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
          null, files.getJavaFileObjects(src)).call();
      assertThat(ok).as("snippet compiles:\n%s\n%s", source, diagnostics.getDiagnostics()).isTrue();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    }
  }
}
