package dev.keyway.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignInFormTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/oauth2/authorize?client_id=demo-client&scope=profile%20read"})
  void localPathsAreKept(String path) {
    assertThat(SignInForm.safeReturnTo(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "evil",
        "/a\r\nSet-Cookie: x=1",
        "/a b",
        "/\u00e9",
        ""
      })
  void anythingElseBecomesTheStartPage(String returnTo) {
    assertThat(SignInForm.safeReturnTo(returnTo)).isEqualTo("/");
  }
}
