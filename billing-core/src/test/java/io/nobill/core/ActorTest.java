package io.nobill.core;



import io.nobill.core.access.Actor;import io.nobill.core.error.InvalidRequestException;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.id.UserId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActorTest {

  @Test
  void everyKindDescribesItselfWithIdsOnly() {
    UserId user = UserId.of(UUID.fromString("00000000-0000-7000-8000-000000000001"));
    assertThat(Actor.member(user).describe()).isEqualTo("member:00000000-0000-7000-8000-000000000001");
    assertThat(Actor.operator("ops-7").describe()).isEqualTo("operator:ops-7");
    assertThat(Actor.job("trial-expiry").describe()).isEqualTo("job:trial-expiry");
    assertThat(Actor.provider("stripe").describe()).isEqualTo("provider:stripe");
    assertThat(Actor.impersonating("ops-7", user).describe())
        .isEqualTo("operator:ops-7 as member:00000000-0000-7000-8000-000000000001");
  }

  @Test
  void theFamilyIsClosed() {
    assertThat(Actor.class.isSealed()).isTrue();
    assertThat(Actor.class.getPermittedSubclasses()).hasSize(5);
  }

  @Test
  void blankLongOrPaddedNamesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> Actor.operator(" "))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("operatorId");
          assertThat(e.rule()).isEqualTo("must not be blank");
        });
    assertThatThrownBy(() -> Actor.job("x".repeat(256)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("at most 255"));
    assertThatThrownBy(() -> Actor.provider(" stripe"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThatThrownBy(() -> Actor.provider("str\nipe")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Actor.member(null)).isInstanceOf(NullPointerException.class).hasMessage("user");
    assertThatThrownBy(() -> Actor.operator(null)).isInstanceOf(NullPointerException.class).hasMessage("operatorId");
  }
}
