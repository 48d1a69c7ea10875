package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientType;
import dev.keyway.testing.clients.ClientFixtures;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of each registration rule: a limit is accepted exactly at its value and refused one
 * past it, and the RFC 6749 §3.3 scope grammar holds at every boundary character.
 */
class RegistrationEdgesTest {

  /** A registry whose server advertises no scopes, so any well-formed scope is allowed. */
  private final ClientRegistry registry =
      AuthorizationServer.builder()
          .issuer(ClientFixtures.ISSUER)
          .users(ClientFixtures.nobody())
          .build()
          .clientRegistry();

  private List<String> fieldsOf(ClientMetadata.Builder metadata) {
    return registry.validate(metadata.build()).stream().map(FieldError::field).toList();
  }

  @Test
  void limitsAreInclusive() {
    List<String> twenty = new ArrayList<>();
    for (int i = 0; i < ClientRegistry.MAX_REDIRECT_URIS; i++) {
      twenty.add("https://app.example/cb" + i);
    }
    Set<String> hundredScopes = new LinkedHashSet<>();
    for (int i = 0; i < ClientRegistry.MAX_SCOPES; i++) {
      hundredScopes.add("s" + i);
    }
    String longestUri = "https://app.example/";
    longestUri += "a".repeat(ClientRegistry.MAX_URI_LENGTH - longestUri.length());

    assertThat(
            fieldsOf(
                ClientFixtures.webApp().clientName("n".repeat(ClientRegistry.MAX_NAME_LENGTH))))
        .isEmpty();
    assertThat(fieldsOf(ClientFixtures.webApp().redirectUris(twenty))).isEmpty();
    assertThat(fieldsOf(ClientFixtures.webApp().redirectUris(longestUri))).isEmpty();
    assertThat(fieldsOf(ClientFixtures.webApp().scopes(hundredScopes))).isEmpty();
    assertThat(
            fieldsOf(ClientFixtures.webApp().scopes("s".repeat(ClientRegistry.MAX_SCOPE_LENGTH))))
        .isEmpty();
    assertThat(fieldsOf(ClientFixtures.webApp().owner("o".repeat(ClientRegistry.MAX_OWNER_LENGTH))))
        .isEmpty();
  }

  @Test
  void onePastEachLimitIsRefusedOnItsField() {
    Set<String> tooManyScopes = new LinkedHashSet<>();
    for (int i = 0; i <= ClientRegistry.MAX_SCOPES; i++) {
      tooManyScopes.add("s" + i);
    }
    assertThat(fieldsOf(ClientFixtures.webApp().scopes(tooManyScopes))).containsExactly("scope");
    assertThat(
            fieldsOf(
                ClientFixtures.webApp().scopes("s".repeat(ClientRegistry.MAX_SCOPE_LENGTH + 1))))
        .containsExactly("scope");
    assertThat(fieldsOf(ClientFixtures.webApp().owner(""))).containsExactly("owner");
    assertThat(fieldsOf(ClientFixtures.webApp().owner("dev\u0007"))).containsExactly("owner");
  }

  @ParameterizedTest
  @ValueSource(strings = {"!", "#", "[", "]", "~", "read:all", "A-Z_0.9/x"})
  @DisplayName("scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): the edges are allowed")
  void scopeGrammarEdgesAreAllowed(String scope) {
    assertThat(fieldsOf(ClientFixtures.webApp().scopes(scope))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "\"", "\\", "\u007F", "\u0000", "caf\u00e9", "a\u001Fb"})
  @DisplayName("scope-token: space, %x22, %x5C, controls and non-ASCII are refused")
  void scopeGrammarOutsidersAreRefused(String scope) {
    assertThat(fieldsOf(ClientFixtures.webApp().scopes(scope))).containsExactly("scope");
  }

  @Test
  @DisplayName("RU-07/RU-09 a leading '#' or '*', or a DEL, gets its own reason")
  void markersAtTheStartAreFound() {
    assertThat(
            registry.validate(
                ClientFixtures.webApp().redirectUris("#https://app.example/cb").build()))
        .extracting(FieldError::message)
        .singleElement()
        .asString()
        .contains("fragment");
    assertThat(
            registry.validate(ClientFixtures.webApp().redirectUris("*://app.example/cb").build()))
        .extracting(FieldError::message)
        .singleElement()
        .asString()
        .contains("wildcards");
    assertThat(
            registry.validate(
                ClientFixtures.webApp().redirectUris("https://app.example/\u007F").build()))
        .extracting(FieldError::message)
        .singleElement()
        .asString()
        .contains("ASCII");
  }

  @Test
  void logoAndHomePageAreStoredAndReadBack() {
    ClientMetadata metadata =
        ClientFixtures.webApp()
            .logoUri(URI.create("https://printer.example/logo.png"))
            .homepageUri(URI.create("http://127.0.0.1:8080/"))
            .build();

    Client client = ((RegistrationResult.Registered) registry.register(metadata)).client();

    assertThat(client.logoUri()).hasToString("https://printer.example/logo.png");
    assertThat(client.homepageUri()).hasToString("http://127.0.0.1:8080/");
    ClientMetadata back = ClientMetadata.from(client);
    assertThat(back.logoUri()).isEqualTo("https://printer.example/logo.png");
    assertThat(back.homepageUri()).isEqualTo("http://127.0.0.1:8080/");
    assertThat(back.clientName()).isEqualTo("Photo Printer");
  }

  @Test
  void anUnnamedClientReadsBackWithoutAName() {
    ClientMetadata metadata =
        ClientMetadata.builder()
            .type(ClientType.CONFIDENTIAL)
            .redirectUris("https://app.example/cb")
            .grantTypes(Set.of(GrantType.AUTHORIZATION_CODE))
            .authMethods(Set.of(ClientAuthMethod.CLIENT_SECRET_BASIC))
            .logoUri((URI) null)
            .homepageUri((URI) null)
            .build();

    Client client = ((RegistrationResult.Registered) registry.register(metadata)).client();
    ClientMetadata back = ClientMetadata.from(client);

    assertThat(back.clientName()).isNull();
    assertThat(back.logoUri()).isNull();
    assertThat(back.homepageUri()).isNull();
    assertThat(back.authMethods()).containsExactly(ClientAuthMethod.CLIENT_SECRET_BASIC);
    assertThat(back.grantTypes()).containsExactly(GrantType.AUTHORIZATION_CODE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://printer.example/%",
        "https:printer.example",
        "https://user@printer.example/logo.png",
        "https://printer.example/../logo.png",
        "http://printer.example/logo.png",
        "ftp://printer.example/logo.png",
        "/logo.png",
        "https://printer.example/logo png"
      })
  @DisplayName("logo_uri: an absolute https URL with a host only (http on loopback)")
  void badLogoIsRefused(String uri) {
    assertThat(fieldsOf(ClientFixtures.webApp().logoUri(uri))).containsExactly("logo_uri");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://app.example/!cb~", // 0x21 and 0x7E, the ends of printable ASCII
        "https://app.example/a;b/cb", // a path parameter is not a dot segment
        "com.example.app:/cb;x",
        "com.example.app://host/cb"
      })
  @DisplayName("RU-09 redirect URIs at the edges of the character and path rules are registered")
  void redirectUrisAtTheEdgesAreAccepted(String uri) {
    assertThat(fieldsOf(ClientFixtures.webApp().redirectUris(uri))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"com.example.app://u@host/cb", "com.example.app://host/../cb", "com..app:/cb"})
  @DisplayName("RU-05/RU-02 private-use redirect URIs follow the same authority and path rules")
  void privateUseRedirectUrisFollowTheRules(String uri) {
    assertThat(fieldsOf(ClientFixtures.webApp().redirectUris(uri)))
        .containsExactly("redirect_uris[0]");
  }
}
