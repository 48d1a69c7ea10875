package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  @Test
  void defaultsMatchTheIssue() {
    DemoConfig c = DemoConfig.fromEnvironment(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.issuerFor(8080)).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(c.alicePassword()).isEqualTo("wonderland");
    assertThat(c.bobPassword()).isEqualTo("builder");
    assertThat(c.redirectUris()).containsExactly("http://localhost:3000/callback");
    assertThat(c.demoClientSecretGenerated()).isTrue();
    assertThat(c.otherClientSecretGenerated()).isTrue();
    assertThat(c.demoClientSecret()).hasSize(43).isNotEqualTo(c.otherClientSecret());
  }

  @Test
  void everythingCanBeSetFromTheEnvironment() {
    DemoConfig c =
        DemoConfig.fromEnvironment(
            Map.of(
                "PORT",
                "9090",
                "ISSUER",
                "https://auth.example.com",
                "DEMO_ALICE_PASSWORD",
                "a",
                "DEMO_BOB_PASSWORD",
                "b",
                "DEMO_CLIENT_SECRET",
                "s1",
                "OTHER_CLIENT_SECRET",
                "s2",
                "DEMO_REDIRECT_URIS",
                " https://app.example/cb , http://localhost:5173/cb,"));
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.issuerFor(9090)).isEqualTo(URI.create("https://auth.example.com"));
    assertThat(
            List.of(
                c.alicePassword(), c.bobPassword(), c.demoClientSecret(), c.otherClientSecret()))
        .containsExactly("a", "b", "s1", "s2");
    assertThat(c.demoClientSecretGenerated()).isFalse();
    assertThat(c.redirectUris())
        .containsExactly("https://app.example/cb", "http://localhost:5173/cb");
  }

  @Test
  void badValuesAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> DemoConfig.fromEnvironment(Map.of("PORT", "http")))
        .hasMessageContaining("PORT must be a number");
    assertThatThrownBy(() -> DemoConfig.fromEnvironment(Map.of("PORT", "70000")))
        .hasMessageContaining("PORT must be between");
    assertThatThrownBy(
            () -> DemoConfig.fromEnvironment(Map.of("ISSUER", "https://auth.example.com/tenant")))
        .hasMessageContaining("ISSUER must be an origin");
    assertThatThrownBy(() -> DemoConfig.fromEnvironment(Map.of("ISSUER", "auth.example.com")))
        .hasMessageContaining("ISSUER must be an origin");
    assertThatThrownBy(() -> DemoConfig.fromEnvironment(Map.of("DEMO_REDIRECT_URIS", " , ")))
        .hasMessageContaining("DEMO_REDIRECT_URIS");
  }

  @Test
  void toStringPrintsNoSecret() {
    DemoConfig c =
        DemoConfig.fromEnvironment(
            Map.of("DEMO_CLIENT_SECRET", "topsecret", "DEMO_ALICE_PASSWORD", "pw-alice"));
    assertThat(c.toString()).doesNotContain("topsecret").doesNotContain("pw-alice");
  }
}
