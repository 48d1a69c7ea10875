package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoUsersTest {

  private final DemoUsers users =
      DemoUsers.of(DemoConfig.fromEnvironment(Map.of("DEMO_BOB_PASSWORD", "bobs")));

  @Test
  void rightPasswordSignsIn() {
    assertThat(users.authenticate("alice", "wonderland"))
        .hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("Alice Liddell"));
    assertThat(users.authenticate("bob", "bobs"))
        .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo("bob"));
  }

  @Test
  void anythingElseDoesNot() {
    assertThat(users.authenticate("bob", "builder")).isEmpty();
    assertThat(users.authenticate("alice", "Wonderland")).isEmpty();
    assertThat(users.authenticate("mallory", "wonderland")).isEmpty();
    assertThat(users.authenticate(null, null)).isEmpty();
    assertThat(users.authenticate("alice", "")).isEmpty();
  }
}
