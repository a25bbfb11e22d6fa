package io.nobill.core.tax.regional;

import io.nobill.core.error.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tax rates that change over time, read from a CSV resource of this package: per
 * jurisdiction, a list of rates each in force from its date until the next one's.
 *
 * <p>The files ship inside the jar, so a malformed file is a packaging bug, not bad input:
 * loading fails with {@link IllegalStateException} naming the file and line, the first time
 * the table is used, rather than a wrong rate being charged later.
 */
final class DatedRates {
  /** The day every table starts: the first row of each jurisdiction must be dated so. */
  static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

  private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,4})?");
  private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** One row: {@code name} at {@code percent} from {@code validFrom} on. */
  record Rate(String name, BigDecimal percent, LocalDate validFrom) {
    Rate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(percent, "percent");
      Objects.requireNonNull(validFrom, "validFrom");
    }
  }

  private final Map<String, List<Rate>> byJurisdiction;

  private DatedRates(Map<String, List<Rate>> byJurisdiction) {
    this.byJurisdiction = byJurisdiction;
  }

  /**
   * Reads a CSV resource of this package. Lines starting with {@code #} are comments. The
   * first other line is the header; it must hold {@code percent}, {@code valid_from}, the
   * jurisdiction as {@code country} or {@code jurisdiction}, and may hold {@code name} —
   * without it every rate is named {@code defaultName}.
   */
  static DatedRates load(String resource, String defaultName) {
    try (InputStream in = DatedRates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("tax rate table " + resource + " is missing from the classpath");
      }
      return parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), defaultName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tax rate table " + resource, e);
    }
  }

  private static DatedRates parse(String resource, BufferedReader reader, String defaultName) throws IOException {
    Map<String, List<Rate>> rates = new LinkedHashMap<>();
    List<String> header = null;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.asList(line.split(",", -1));
      if (header == null) {
        header = cells;
        continue;
      }
      String where = resource + " line " + lineNumber;
      if (cells.size() != header.size()) {
        throw new IllegalStateException(where + ": expected " + header.size() + " columns, found " + cells.size());
      }
      String jurisdiction = cell(header, cells, header.contains("country") ? "country" : "jurisdiction", where);
      String name = header.contains("name") ? cell(header, cells, "name", where) : defaultName;
      Rate rate = new Rate(name, percent(cell(header, cells, "percent", where), where),
          date(cell(header, cells, "valid_from", where), where));
      if (!JURISDICTION.matcher(jurisdiction).matches() || name.isBlank()) {
        throw new IllegalStateException(where + ": bad jurisdiction or name");
      }
      List<Rate> timeline = rates.computeIfAbsent(jurisdiction, j -> new ArrayList<>());
      if (timeline.isEmpty() && !rate.validFrom().equals(FIRST_DAY)) {
        // A later first row would leave a gap where the jurisdiction silently has no tax.
        throw new IllegalStateException(where + ": the first row of " + jurisdiction + " must be valid from " + FIRST_DAY);
      }
      if (!timeline.isEmpty() && !rate.validFrom().isAfter(timeline.get(timeline.size() - 1).validFrom())) {
        throw new IllegalStateException(where + ": rows of " + jurisdiction + " must be in ascending valid_from order");
      }
      timeline.add(rate);
    }
    if (header == null) {
      throw new IllegalStateException(resource + " has no header");
    }
    Map<String, List<Rate>> frozen = new LinkedHashMap<>();
    rates.forEach((jurisdiction, timeline) -> frozen.put(jurisdiction, List.copyOf(timeline)));
    return new DatedRates(Collections.unmodifiableMap(frozen));
  }

  private static String cell(List<String> header, List<String> cells, String column, String where) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalStateException(where + ": the header has no column " + column);
    }
    return cells.get(index).strip();
  }

  private static BigDecimal percent(String text, String where) {
    if (!PERCENT.matcher(text).matches() || new BigDecimal(text).compareTo(HUNDRED) > 0) {
      throw new IllegalStateException(where + ": percent must be a decimal between 0 and 100, was " + text);
    }
    return new BigDecimal(text);
  }

  private static LocalDate date(String text, String where) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(where + ": valid_from must be a date like 2025-01-31, was " + text, e);
    }
  }

  /** The jurisdictions that have rates, in file order. */
  Set<String> jurisdictions() {
    return byJurisdiction.keySet();
  }

  /**
   * The rate of {@code jurisdiction} in force on {@code date}, or empty if the table does
   * not cover the jurisdiction.
   *
   * @throws InvalidRequestException naming {@code taxDate} for a date before the table starts:
   *     answering "no tax" there would be wrong, not merely unknown
   */
  Optional<Rate> at(String jurisdiction, LocalDate date) {
    List<Rate> timeline = byJurisdiction.get(jurisdiction);
    if (timeline == null) {
      return Optional.empty();
    }
    if (date.isBefore(FIRST_DAY)) {
      throw new InvalidRequestException("taxDate", "must be on or after " + FIRST_DAY + ": the rate table has no earlier rates");
    }
    Rate found = timeline.get(0);
    for (Rate rate : timeline) {
      if (rate.validFrom().isAfter(date)) {
        break;
      }
      found = rate;
    }
    return Optional.of(found);
  }
}
