package dev.keyway.spi.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.user.ResourceOwner;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Remembered consent covers a request only when every scope was consented to. */
class ConsentRecordTest {

  private final ConsentRecord consent =
      new ConsentRecord("alice", "app", Set.of("read", "profile"), Instant.EPOCH);

  @Test
  void coversASubsetButNotANewScope() {
    assertThat(consent.covers(Set.of())).isTrue();
    assertThat(consent.covers(Set.of("read"))).isTrue();
    assertThat(consent.covers(Set.of("read", "profile"))).isTrue();
    assertThat(consent.covers(Set.of("read", "write"))).isFalse();
  }

  @Test
  void resourceOwnerNeedsASubject() {
    assertThat(new ResourceOwner("alice", null, null).subject()).isEqualTo("alice");
    assertThatThrownBy(() -> new ResourceOwner("", "Alice", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResourceOwner(null, "Alice", Instant.EPOCH))
        .isInstanceOf(NullPointerException.class);
  }
}
