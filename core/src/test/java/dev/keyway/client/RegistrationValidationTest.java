package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The registration validation table: every refused form with the field and reason it gets. */
class RegistrationValidationTest {

  private final CountingClientStore store = new CountingClientStore();
  private final ClientRegistry registry =
      ClientFixtures.server(MutableClock.startingAt2026()).clients(store).build().clientRegistry();

  /** One bad redirect URI, the catalogue case it comes from, and a fragment of the message. */
  record BadUri(String caseId, String uri, String reason) {
    @Override
    public String toString() {
      return caseId + " " + uri.replaceAll("\\p{Cntrl}", "?");
    }
  }

  static Stream<BadUri> badRedirectUris() {
    return Stream.of(
        new BadUri("RU-07", "https://app.example/cb#frag", "fragment"),
        new BadUri("RU-07", "https://app.example/cb#", "fragment"),
        new BadUri("RU-08", "javascript:alert(1)//", "run code"),
        new BadUri("RU-08", "JaVaScRiPt:alert(1)", "run code"),
        new BadUri("RU-08", " javascript:alert(1)", "ASCII without spaces or control"),
        new BadUri("RU-08", "\tjavascript:alert(1)", "ASCII without spaces or control"),
        new BadUri("RU-08", "\u0001javascript:alert(1)", "ASCII without spaces or control"),
        new BadUri("RU-08", "java\nscript:alert(1)", "ASCII without spaces or control"),
        new BadUri("RU-08", "%20javascript:alert(1)", "not a valid URI"),
        new BadUri("RU-08", "data:text/html,<script>alert(1)</script>", "run code"),
        new BadUri("RU-08", "DATA:text/html;base64,PHNjcmlwdD4=", "run code"),
        new BadUri("RU-08", "vbscript:x", "run code"),
        new BadUri("RU-08", "file:///etc/passwd", "run code"),
        new BadUri("RU-08", "http://app.example/cb", "loopback"),
        new BadUri("RU-08", "http://127.0.0.1.evil.example/cb", "loopback"),
        new BadUri("RU-08", "http://localhost.evil.example/cb", "loopback"),
        new BadUri("RU-08", "http://[::2]/cb", "loopback"),
        new BadUri("RU-08", "ftp://app.example/cb", "scheme must be https"),
        new BadUri("RU-08", "myapp:/callback", "scheme must be https"),
        new BadUri("RU-08", "com..example:/callback", "reverse domain"),
        new BadUri("RU-04", "HTTPS://app.example/cb", "lower case"),
        new BadUri("RU-05", "https://app.example@evil.example/cb", "user information"),
        new BadUri("RU-05", "https://x@y@app.example/cb", "user information"),
        new BadUri("RU-05", "https://evil.example%5C@app.example/cb", "user information"),
        new BadUri("RU-05", "https://app.example%2F@evil.example/cb", "user information"),
        new BadUri("RU-05", "http://user:pw@127.0.0.1/cb", "user information"),
        new BadUri("RU-05", "com.example.app://user@host/cb", "user information"),
        new BadUri("RU-02", "https://app.example/cb/../../evil", "dot segments"),
        new BadUri("RU-02", "https://app.example/cb/..;/evil", "dot segments"),
        new BadUri("RU-05", "https://app.example/cb%2F..%2Fevil", "dot segments"),
        new BadUri("RU-02", "https://app.example/./cb", "dot segments"),
        new BadUri("RU-09", "https://\u0430pp.example/cb", "ASCII"),
        new BadUri("RU-09", "https://evil.example\uFF03@app.example/cb", "ASCII"),
        new BadUri("RU-09", "https://app%E3%80%82example/cb", "valid host"),
        new BadUri("RU-10", "/cb", "absolute"),
        new BadUri("RU-10", "//evil.example/cb", "absolute"),
        new BadUri("RU-10", "https:evil.example", "must have a host"),
        new BadUri("RU-10", "https:///invalid", "must have a host"),
        new BadUri("RU-10", ":/invalid.uri)bar", "not a valid URI"),
        new BadUri("RU-10", "https://app.example/cb%", "not a valid URI"),
        new BadUri("RU-10", "https://app.example/c b", "ASCII without spaces"),
        new BadUri("RU-10", "https://app.example\\@evil.example/cb", "not a valid URI"),
        new BadUri("wildcard", "https://*.example.com/cb", "wildcards"),
        new BadUri("wildcard", "https://app.example/*", "wildcards"),
        new BadUri(
            "length",
            "https://app.example/" + "a".repeat(ClientRegistry.MAX_URI_LENGTH),
            "at most 2000"),
        new BadUri("empty", "", "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRedirectUris")
  @DisplayName(
      "RU-07/RU-08 registration: each bad redirect URI is refused on its own field, nothing stored")
  void badRedirectUriIsRefusedWithItsFieldAndNothingIsStored(BadUri bad) {
    ClientMetadata metadata =
        ClientFixtures.webApp().redirectUris("https://app.example/ok", bad.uri()).build();

    RegistrationResult result = registry.register(metadata);

    assertThat(result).isInstanceOf(RegistrationResult.Rejected.class);
    List<FieldError> errors = ((RegistrationResult.Rejected) result).errors();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo("redirect_uris[1]");
    assertThat(errors.get(0).isRedirectUriError()).isTrue();
    assertThat(errors.get(0).message()).containsIgnoringCase(bad.reason());
    assertThat(store.writes()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://app.example/cb",
        "https://app.example/cb?foo=bar",
        "https://app.example:8443/cb",
        "https://app.example",
        "http://127.0.0.1:8080/cb",
        "http://[::1]:3000/cb",
        "http://localhost:3000/cb",
        "com.example.app:/oauth2redirect",
        "com.example.app://callback"
      })
  void acceptableRedirectUriIsRegistered(String uri) {
    RegistrationResult result =
        registry.register(ClientFixtures.webApp().redirectUris(uri).build());

    assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
    assertThat(((RegistrationResult.Registered) result).client().redirectUris())
        .containsExactly(uri);
  }

  /** Metadata beyond redirect URIs, with the one field each mistake is reported on. */
  record BadField(String description, ClientMetadata metadata, String field) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<BadField> badMetadata() {
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= ClientRegistry.MAX_REDIRECT_URIS; i++) {
      tooMany.add("https://app.example/cb" + i);
    }
    return Stream.of(
        new BadField("blank name", ClientFixtures.webApp().clientName("  ").build(), "client_name"),
        new BadField(
            "name too long",
            ClientFixtures.webApp().clientName("n".repeat(101)).build(),
            "client_name"),
        new BadField(
            "name with bidi override",
            ClientFixtures.webApp().clientName("Bank\u202Egnp.exe").build(),
            "client_name"),
        new BadField(
            "name with newline", ClientFixtures.webApp().clientName("a\nb").build(), "client_name"),
        new BadField(
            "21 redirect URIs",
            ClientFixtures.webApp().redirectUris(tooMany).build(),
            "redirect_uris"),
        new BadField(
            "no redirect URI for the code grant",
            ClientFixtures.webApp().redirectUris(List.of()).build(),
            "redirect_uris"),
        new BadField(
            "duplicate redirect URI",
            ClientFixtures.webApp()
                .redirectUris("https://a.example/cb", "https://a.example/cb")
                .build(),
            "redirect_uris[1]"),
        new BadField(
            "unknown scope", ClientFixtures.webApp().scopes("profile", "admin").build(), "scope"),
        new BadField(
            "malformed scope", ClientFixtures.webApp().scopes("pro\"file").build(), "scope"),
        new BadField("no grant type", ClientFixtures.webApp().grantTypes().build(), "grant_types"),
        new BadField(
            "public client with client_credentials",
            ClientFixtures.nativeApp()
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS)
                .build(),
            "grant_types"),
        new BadField(
            "refresh_token without authorization_code",
            ClientFixtures.webApp()
                .grantTypes(GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS)
                .build(),
            "grant_types"),
        new BadField(
            "confidential client authenticating with none",
            ClientFixtures.webApp().authMethods(ClientAuthMethod.NONE).build(),
            "token_endpoint_auth_method"),
        new BadField(
            "private_key_jwt without key support",
            ClientFixtures.webApp().authMethods(ClientAuthMethod.PRIVATE_KEY_JWT).build(),
            "token_endpoint_auth_method"),
        new BadField(
            "public client with a secret method",
            ClientFixtures.nativeApp().authMethods(ClientAuthMethod.CLIENT_SECRET_POST).build(),
            "token_endpoint_auth_method"),
        new BadField(
            "javascript logo",
            ClientFixtures.webApp().logoUri("javascript:alert(1)").build(),
            "logo_uri"),
        new BadField(
            "http home page",
            ClientFixtures.webApp().homepageUri("http://printer.example/").build(),
            "client_uri"),
        new BadField(
            "relative home page",
            ClientFixtures.webApp().homepageUri("/about").build(),
            "client_uri"),
        new BadField(
            "owner too long", ClientFixtures.webApp().owner("o".repeat(256)).build(), "owner"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMetadata")
  void badMetadataIsRefusedOnItsFieldAndNothingIsStored(BadField bad) {
    RegistrationResult result = registry.register(bad.metadata());

    assertThat(result).isInstanceOf(RegistrationResult.Rejected.class);
    assertThat(((RegistrationResult.Rejected) result).errors())
        .extracting(FieldError::field)
        .containsExactly(bad.field());
    assertThat(store.writes()).isZero();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ClientMetadata metadata =
        ClientFixtures.webApp()
            .clientName("")
            .redirectUris("http://app.example/cb", "https://app.example/cb#x")
            .scopes("admin")
            .build();

    RegistrationResult result = registry.register(metadata);

    assertThat(((RegistrationResult.Rejected) result).errors())
        .extracting(FieldError::field)
        .containsExactly("client_name", "redirect_uris[0]", "redirect_uris[1]", "scope");
  }

  @Test
  void errorMessagesNeverRepeatTheSubmittedValue() {
    String marker = "zz-marker-zz";
    ClientMetadata metadata =
        ClientFixtures.webApp()
            .clientName("\u0000" + marker)
            .redirectUris("javascript:" + marker, "https://" + marker + ".example/cb#" + marker)
            .scopes(marker)
            .logoUri("data:" + marker)
            .build();

    List<FieldError> errors = registry.validate(metadata);

    assertThat(errors).hasSize(5);
    assertThat(errors).allSatisfy(e -> assertThat(e.toString()).doesNotContain(marker));
  }

  @Test
  void withoutServerScopesAnyWellFormedScopeIsAccepted() {
    ClientRegistry open =
        dev.keyway.AuthorizationServer.builder()
            .issuer(ClientFixtures.ISSUER)
            .users(ClientFixtures.nobody())
            .build()
            .clientRegistry();

    assertThat(open.validate(ClientFixtures.webApp().scopes("anything:read", "x").build()))
        .isEmpty();
  }
}
