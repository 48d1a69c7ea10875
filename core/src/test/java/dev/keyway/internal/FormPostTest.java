package dev.keyway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormPostTest {

  private static final int MAX = 64 * 1024;

  private static OAuthRequest.Builder post(String body) {
    return OAuthRequest.builder("POST")
        .path("/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
  }

  private static OAuthResponse refused(OAuthRequest request) {
    FormPost.Result result = FormPost.read(request, MAX);
    assertThat(result).isInstanceOf(FormPost.Refused.class);
    return ((FormPost.Refused) result).response();
  }

  @Test
  void acceptsAWellFormedFormPost() {
    FormPost.Result result =
        FormPost.read(post("grant_type=client_credentials&scope=read").build(), MAX);
    assertThat(result).isInstanceOf(FormPost.Accepted.class);
    assertThat(((FormPost.Accepted) result).parameters().get("scope")).contains("read");
  }

  @Test
  @DisplayName("TE-01: a GET is 405 with Allow: POST and no-store")
  void wrongMethodIs405() {
    OAuthResponse r =
        refused(OAuthRequest.builder("GET").rawQuery("grant_type=client_credentials").build());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("POST");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.body()).contains("\"error\":\"invalid_request\"");
  }

  @ParameterizedTest(name = "TE-02: Content-Type {0} is invalid_request")
  @ValueSource(
      strings = {
        "application/json",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/x-www-form-urlencoded; charset=ISO-8859-1"
      })
  void wrongContentTypeIs400(String contentType) {
    OAuthRequest request =
        OAuthRequest.builder("POST").header("Content-Type", contentType).body("a=b").build();
    OAuthResponse r = refused(request);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("invalid_request");
  }

  @Test
  @DisplayName("TE-02: a missing Content-Type is invalid_request")
  void missingContentTypeIs400() {
    assertThat(refused(OAuthRequest.builder("POST").body("a=b").build()).status()).isEqualTo(400);
  }

  @Test
  void charsetUtf8IsAccepted() {
    OAuthRequest request =
        OAuthRequest.builder("POST")
            .header("Content-Type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8")
            .body("a=b")
            .build();
    assertThat(FormPost.read(request, MAX)).isInstanceOf(FormPost.Accepted.class);
  }

  @Test
  @DisplayName("TE-05/CA-11: parameters in the query string are refused, never merged")
  void queryParametersAreRefused() {
    OAuthResponse r =
        refused(post("grant_type=client_credentials").rawQuery("client_secret=x").build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("invalid_request");
  }

  @Test
  @DisplayName("TE-04: a repeated parameter is invalid_request")
  void repeatedParameterIsRefused() {
    assertThat(refused(post("code=a&code=a").build()).body()).contains("invalid_request");
  }

  @Test
  @DisplayName("TE-07: an oversized body is 413, whether cut by the host or by the limit")
  void oversizedBodyIs413() throws Exception {
    OAuthRequest cut =
        OAuthRequest.builder("POST")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(new ByteArrayInputStream(new byte[2 * 1024 * 1024]), MAX)
            .build();
    assertThat(cut.bodyTooLarge()).isTrue();
    assertThat(refused(cut).status()).isEqualTo(413);
    assertThat(refused(post("code=" + "a".repeat(MAX)).build()).status()).isEqualTo(413);
  }

  @Test
  void exactlyOneContentTypeHeader() {
    assertThat(
            FormPost.isFormContentType(
                List.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")))
        .isFalse();
  }
}
