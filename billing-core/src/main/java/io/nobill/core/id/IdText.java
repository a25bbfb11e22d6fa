package io.nobill.core.id;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses the canonical text form of ids, rejecting the lenient forms {@link UUID#fromString} accepts. */
final class IdText {
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private IdText() {}

  static UUID parse(String text, String field) {
    Objects.requireNonNull(text, field);
    if (!CANONICAL.matcher(text).matches()) {
      throw new InvalidRequestException(field, "must be a UUID in canonical form (8-4-4-4-12 hex digits)");
    }
    return UUID.fromString(text);
  }
}
