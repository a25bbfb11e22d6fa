package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organization (a tenant). */
public record OrgId(UUID value) implements TypedId, Comparable<OrgId> {

  public OrgId {
    Objects.requireNonNull(value, "value");
  }

  public static OrgId of(UUID value) {
    return new OrgId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code orgId} if the text is not a canonical UUID
   */
  public static OrgId parse(String text) {
    return new OrgId(IdText.parse(text, "orgId"));
  }

  @Override
  public int compareTo(OrgId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
