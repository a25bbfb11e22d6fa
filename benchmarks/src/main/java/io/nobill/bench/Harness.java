package io.nobill.bench;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks whose class name contains the filter (all when none is given) and
 * prints, for every benchmark method, its figure next to its class's {@code baseline}
 * method measured in the same run:
 *
 * <pre>RESULT name=ledgerPosting.single value=812345.6 unit=entries/s baseline=9876543.2 ratio=0.0822</pre>
 *
 * <p>The period-end invoicing sweep ({@link InvoicingSweepMeasurement}) is one long operation
 * and is measured once, after the JMH benchmarks, when the filter matches its name.
 *
 * <p>Iteration counts and times can be changed with {@code -Dbench.warmups=}, {@code
 * -Dbench.iterations=}, {@code -Dbench.seconds=} and {@code -Dbench.forks=}.
 */
public final class Harness {
  private static final String PACKAGE = "io.nobill.bench.";
  private static final String BASELINE = "baseline";

  private Harness() {}

  public static void main(String[] args) throws RunnerException {
    String filter = args.length > 0 ? args[0] : "";
    Options options = new OptionsBuilder()
        .include("^" + Pattern.quote(PACKAGE) + "[^.]*(?i:" + Pattern.quote(filter) + ")[^.]*Benchmark\\.")
        .forks(Integer.getInteger("bench.forks", 1))
        .warmupIterations(Integer.getInteger("bench.warmups", 2))
        .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 2)))
        .measurementIterations(Integer.getInteger("bench.iterations", 3))
        .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 2)))
        .jvmArgsAppend("-Xms2g", "-Xmx6g")
        .shouldFailOnError(true)
        .build();
    boolean sweep = InvoicingSweepMeasurement.NAME.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
    Collection<RunResult> results = List.of();
    try {
      results = new Runner(options).run();
    } catch (NoBenchmarksException e) {
      // JMH refuses a filter that matches none of its benchmarks; the measurement may still match.
      if (!sweep) {
        throw e;
      }
    }
    if (results.isEmpty() && !sweep) {
      System.err.println("no benchmark matches '" + filter + "'");
      System.exit(2);
    }
    if (!results.isEmpty()) {
      report(results, System.out);
    }
    if (sweep) {
      // Measured once, outside JMH: one run over 10,000 organizations is the operation.
      InvoicingSweepMeasurement.run(System.out);
    }
  }

  static void report(Collection<RunResult> results, PrintStream out) {
    Map<String, RunResult> byMethod = new LinkedHashMap<>();
    for (RunResult r : results) {
      byMethod.put(r.getParams().getBenchmark(), r);
    }
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, RunResult> e : byMethod.entrySet()) {
      String full = e.getKey();
      int dot = full.lastIndexOf('.');
      String className = full.substring(0, dot);
      String method = full.substring(dot + 1);
      if (method.equals(BASELINE)) {
        continue;
      }
      double value = e.getValue().getPrimaryResult().getScore();
      double error = e.getValue().getPrimaryResult().getScoreError();
      String unit = unitOf(className, method, e.getValue().getPrimaryResult().getScoreUnit());
      RunResult base = byMethod.get(className + "." + BASELINE);
      String name = shortName(className) + "." + method;
      if (base != null) {
        double baseline = base.getPrimaryResult().getScore();
        double ratio = value / baseline;
        out.printf(Locale.ROOT, "RESULT name=%s value=%.1f unit=%s baseline=%.1f ratio=%.4f%n", name, value, unit, baseline, ratio);
        rows.add(new String[] {name, fmt(value), fmt(error), unit, fmt(baseline), String.format(Locale.ROOT, "%.4f", ratio)});
      } else {
        out.printf(Locale.ROOT, "RESULT name=%s value=%.1f unit=%s%n", name, value, unit);
        rows.add(new String[] {name, fmt(value), fmt(error), unit, "-", "-"});
      }
    }
    out.println();
    out.printf("%-36s %16s %14s %-12s %16s %8s%n", "benchmark", "value", "± error", "unit", "baseline", "ratio");
    for (String[] r : rows) {
      out.printf("%-36s %16s %14s %-12s %16s %8s%n", (Object[]) r);
    }
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%,.1f", d);
  }

  private static String shortName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1).replaceFirst("Benchmark$", "");
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  private static String unitOf(String className, String method, String jmhUnit) {
    try {
      for (Method m : Class.forName(className).getMethods()) {
        if (m.getName().equals(method) && m.isAnnotationPresent(ResultUnit.class)) {
          return m.getAnnotation(ResultUnit.class).value();
        }
      }
    } catch (ClassNotFoundException e) {
      // Fall back to JMH's own unit.
    }
    return jmhUnit.replace(' ', '_');
  }
}
