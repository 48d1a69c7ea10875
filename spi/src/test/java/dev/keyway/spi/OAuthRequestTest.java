package dev.keyway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a host adapter hands to Keyway: raw, immutable, multi-valued. */
class OAuthRequestTest {

  @Test
  void headersAreCaseInsensitiveAndKeepEveryValue() {
    OAuthRequest request =
        OAuthRequest.builder("POST")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("content-type", "text/plain")
            .build();
    assertThat(request.headers("CONTENT-TYPE"))
        .containsExactly("application/x-www-form-urlencoded", "text/plain");
    assertThat(request.header("content-type")).contains("application/x-www-form-urlencoded");
    assertThat(request.headers("Authorization")).isEmpty();
    assertThat(request.header("Authorization")).isEmpty();
    assertThatThrownBy(() -> request.headers("content-type").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyQueryIsNoQuery() {
    assertThat(OAuthRequest.builder("GET").rawQuery("").build().rawQuery()).isEmpty();
    assertThat(OAuthRequest.builder("GET").rawQuery(null).build().rawQuery()).isEmpty();
    assertThat(OAuthRequest.builder("GET").rawQuery("a=%20").build().rawQuery()).contains("a=%20");
  }

  @Test
  void defaultsAreAnEmptyPathAndBody() {
    OAuthRequest request = OAuthRequest.builder("get").build();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEmpty();
    assertThat(request.body()).isEmpty();
    assertThat(request.bodyTooLarge()).isFalse();
    assertThat(request.attributes()).isEmpty();
  }

  @Test
  void theBodyCannotBeChangedAfterBuildOrThroughTheAccessor() {
    byte[] bytes = "a=1".getBytes(StandardCharsets.UTF_8);
    OAuthRequest request = OAuthRequest.builder("POST").body(bytes).build();
    bytes[0] = 'x';
    request.body()[0] = 'y';
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("a=1");
  }

  @Test
  void attributesAreReturnedOnlyWithTheRequestedType() {
    OAuthRequest request = OAuthRequest.builder("GET").attribute("user", "alice").build();
    assertThat(request.attribute("user", String.class)).contains("alice");
    assertThat(request.attribute("user", Integer.class)).isEmpty();
    assertThat(request.attribute("missing", String.class)).isEmpty();
  }

  @Test
  void toStringShowsMethodAndPathOnly() {
    OAuthRequest request =
        OAuthRequest.builder("POST").path("/token").rawQuery("code=s3cr3t").build();
    assertThat(request.toString()).isEqualTo("OAuthRequest[POST /token]");
  }

  @Test
  void grantTypesHaveTheirWireNames() {
    for (GrantType type : GrantType.values()) {
      assertThat(GrantType.fromWireName(type.wireName())).contains(type);
    }
    assertThat(GrantType.AUTHORIZATION_CODE.wireName()).isEqualTo("authorization_code");
    assertThat(GrantType.fromWireName("password")).isEmpty();
    assertThat(GrantType.fromWireName("implicit")).isEmpty();
  }

  @Test
  void tokenHashAcceptsEveryBase64UrlCharacterAndNothingElse() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assertThat(TokenHash.of(alphabet.substring(0, 43)).toString())
        .isEqualTo(alphabet.substring(0, 43));
    assertThat(TokenHash.of(alphabet.substring(21)).value()).hasSize(43);
    for (char bad : "+/=.@[`{ ".toCharArray()) {
      String value = "a".repeat(42) + bad;
      assertThatThrownBy(() -> TokenHash.of(value)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> TokenHash.of("a".repeat(44)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
