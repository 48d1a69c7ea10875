package dev.keyway.grace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.ServerSettings;
import dev.keyway.internal.RefreshGraceKey;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.client.Client;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuring the grace window: what build() refuses, the per-client override, the key's
 * derivations.
 */
class GraceConfigTest {

  private static AuthorizationServer build(Consumer<AuthorizationServerBuilder> configure) {
    return GraceServer.inMemory(configure).server;
  }

  @Test
  @DisplayName("the default is no window: DESIGN decision 4")
  void defaultWindowIsZero() {
    assertThat(build(b -> {}).settings().refreshGraceWindow()).isZero();
  }

  @Test
  @DisplayName("a non-zero window without a key fails at build() and says what to configure")
  void windowWithoutKeyThenBuildFails() {
    assertThatThrownBy(() -> build(b -> b.refreshGraceWindow(Duration.ofSeconds(10))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refreshGraceKey")
        .hasMessageContaining("every instance");
  }

  @Test
  @DisplayName("a key alone, or a key with a window of up to 5 minutes, builds")
  void keyWithOrWithoutWindowBuilds() {
    assertThat(build(b -> b.refreshGraceKey(GraceServer.KEY)).settings().refreshGraceWindow())
        .isZero();
    assertThat(build(GraceServer.window(Duration.ofMinutes(5))).settings().refreshGraceWindow())
        .isEqualTo(ServerSettings.MAX_REFRESH_GRACE_WINDOW);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 300_001})
  @DisplayName("a negative window or one over 5 minutes is refused")
  void windowOutOfRangeThenRefused(long millis) {
    assertThatThrownBy(() -> build(GraceServer.window(Duration.ofMillis(millis))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshGraceWindow");
    assertThatThrownBy(
            () -> Client.builder("x").refreshGraceWindow(Duration.ofMillis(millis)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshGraceWindow");
  }

  @Test
  @DisplayName("a key shorter than 256 bits is refused")
  void shortKeyThenRefused() {
    assertThatThrownBy(() -> AuthorizationServer.builder().refreshGraceKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32");
  }

  @Test
  @DisplayName(
      "the per-client window is optional, survives toBuilder, and a public client can have one")
  void perClientOverride() {
    Client plain = Client.builder("c").build();
    Client windowed = plain.toBuilder().refreshGraceWindow(Duration.ofSeconds(30)).build();
    Client publicWindowed =
        Client.builder("p").publicClient().refreshGraceWindow(Duration.ofSeconds(5)).build();

    assertThat(plain.refreshGraceWindowOverride()).isEmpty();
    assertThat(windowed.refreshGraceWindowOverride()).contains(Duration.ofSeconds(30));
    assertThat(windowed.toBuilder().displayName("renamed").build().refreshGraceWindowOverride())
        .contains(Duration.ofSeconds(30));
    assertThat(publicWindowed.refreshGraceWindowOverride()).contains(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName(
      "derivations: deterministic per key and token, distinct per key, token and purpose; 43 base64url")
  void derivations() {
    byte[] bytes = Arrays.copyOf(GraceServer.KEY, 32);
    RefreshGraceKey key = RefreshGraceKey.of(bytes);
    Arrays.fill(bytes, (byte) 0); // the key keeps its own copy
    RefreshGraceKey same = RefreshGraceKey.of(GraceServer.KEY);
    RefreshGraceKey other = RefreshGraceKey.of(GraceServer.OTHER_KEY);
    String token = SecureTokens.newToken();

    assertThat(key.successorRefreshToken(token))
        .isEqualTo(same.successorRefreshToken(token))
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(other.successorRefreshToken(token))
        .isNotEqualTo(key.successorRefreshToken(SecureTokens.newToken()))
        .isNotEqualTo(key.accessTokenId(token));
    assertThat(key.accessTokenId(token))
        .isEqualTo(same.accessTokenId(token))
        .matches("[A-Za-z0-9_-]{43}");
    assertThat(key.toString()).doesNotContain(new String(GraceServer.KEY)).contains("redacted");
  }
}
