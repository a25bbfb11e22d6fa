package io.nobill.core.work;

import java.util.Objects;
import java.util.regex.Pattern;

/** The one rule for sweep names, which appear in logs and summaries. */
public final class SweepNames {
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  private SweepNames() {}

  public static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("sweep name must be 1-64 characters of [a-z0-9._-], was \"" + name + "\"");
    }
    return name;
  }
}
