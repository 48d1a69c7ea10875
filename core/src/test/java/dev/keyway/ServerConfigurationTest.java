package dev.keyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A misconfigured server fails when it is built, never at the first request. */
class ServerConfigurationTest {

  private static final UserAuthenticator NOBODY =
      new UserAuthenticator() {
        @Override
        public Optional<ResourceOwner> currentUser(OAuthRequest request) {
          return Optional.empty();
        }

        @Override
        public URI signInPage(OAuthRequest request, String returnTo) {
          return URI.create("https://as.example/login");
        }
      };

  private static AuthorizationServerBuilder valid() {
    return AuthorizationServer.builder().issuer("https://as.example").users(NOBODY);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("no issuer", b -> b.issuer((URI) null), "issuer is required"),
        bad("no user authenticator", b -> b.users(null), "users"),
        bad("relative issuer", b -> b.issuer("/as"), "absolute URL with a host"),
        bad("issuer without host", b -> b.issuer("https:opaque"), "absolute URL with a host"),
        bad("issuer with query", b -> b.issuer("https://as.example?x=1"), "no query or fragment"),
        bad("issuer with fragment", b -> b.issuer("https://as.example#f"), "no query or fragment"),
        bad("plain http issuer", b -> b.issuer("http://as.example"), "must use https"),
        bad("ftp issuer", b -> b.issuer("ftp://localhost"), "must use https"),
        bad("zero access-token ttl", b -> b.accessTokenTtl(Duration.ZERO), "accessTokenTtl"),
        bad(
            "negative refresh ttl",
            b -> b.refreshTokenTtl(Duration.ofSeconds(-1)),
            "refreshTokenTtl"),
        bad("zero grant lifetime", b -> b.grantMaxLifetime(Duration.ZERO), "grantMaxLifetime"),
        bad(
            "zero pending ttl",
            b -> b.pendingAuthorizationTtl(Duration.ZERO),
            "pendingAuthorizationTtl"),
        bad(
            "negative grace window",
            b -> b.refreshGraceWindow(Duration.ofSeconds(-1)),
            "refreshGraceWindow"),
        bad(
            "grace window without a shared key",
            b -> b.refreshGraceWindow(Duration.ofSeconds(5)),
            "no refreshGraceKey is set"),
        bad(
            "code ttl over 10 minutes (RFC 6749 §4.1.2)",
            b -> b.codeTtl(Duration.ofMinutes(10).plusSeconds(1)),
            "codeTtl must be at most 10 minutes"),
        bad("body limit under 1 KiB", b -> b.maxBodyBytes(1023), "maxBodyBytes"),
        bad("endpoint path without slash", b -> b.tokenEndpointPath("token"), "start with '/'"));
  }

  private static Arguments bad(
      String name, UnaryOperator<AuthorizationServerBuilder> change, String message) {
    return Arguments.of(name, change, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void buildRejects(String name, UnaryOperator<AuthorizationServerBuilder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfAny(
            IllegalArgumentException.class, IllegalStateException.class, NullPointerException.class)
        .hasMessageContaining(message);
  }

  @Test
  void defaultsFollowTheModelledApi() {
    ServerSettings s = valid().build().settings();
    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(s.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(s.grantMaxLifetime()).isEqualTo(Duration.ofDays(7));
    assertThat(s.codeTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.refreshGraceWindow()).isZero();
    assertThat(s.allowPlainPkce()).isFalse();
    assertThat(s.jwksUri()).isNull();
    assertThat(s.registrationEndpoint()).isNull();
    assertThat(s.tokenEndpoint()).hasToString("https://as.example/api/oauth2/token");
  }

  @Test
  void settingsCarryWhatTheBuilderWasGiven() {
    ServerSettings s =
        valid()
            .issuer("https://as.example/tenant/")
            .accessTokenTtl(Duration.ofMinutes(5))
            .refreshTokenTtl(Duration.ofDays(1))
            .codeTtl(ServerSettings.MAX_CODE_TTL)
            .pendingAuthorizationTtl(Duration.ofMinutes(2))
            .refreshGraceWindow(Duration.ofSeconds(10))
            .refreshGraceKey(new byte[32])
            .allowPlainPkce(true)
            .scopesSupported("read", "write")
            .maxBodyBytes(1024)
            .authorizationEndpointPath("/authorize")
            .tokenEndpointPath("/token")
            .revocationEndpointPath("/revoke")
            .introspectionEndpointPath("/introspect")
            .jwksPath("/jwks")
            .build()
            .settings();
    assertThat(s.issuerString()).isEqualTo("https://as.example/tenant");
    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.grantMaxLifetime())
        .as("defaults to the refresh-token lifetime")
        .isEqualTo(Duration.ofDays(1));
    assertThat(s.codeTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.pendingAuthorizationTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.refreshGraceWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.allowPlainPkce()).isTrue();
    assertThat(s.scopesSupported()).containsExactlyInAnyOrder("read", "write");
    assertThat(s.maxBodyBytes()).isEqualTo(1024);
    assertThat(s.authorizationEndpoint()).hasToString("https://as.example/tenant/authorize");
    assertThat(s.tokenEndpoint()).hasToString("https://as.example/tenant/token");
    assertThat(s.revocationEndpoint()).hasToString("https://as.example/tenant/revoke");
    assertThat(s.introspectionEndpoint()).hasToString("https://as.example/tenant/introspect");
    assertThat(s.jwksUri()).hasToString("https://as.example/tenant/jwks");
  }

  @Test
  void httpIssuerIsAcceptedOnLoopbackAndLocalhostOnly() {
    for (String issuer :
        new String[] {"http://localhost:8080", "http://127.0.0.1", "http://[::1]:9000"}) {
      assertThat(valid().issuer(issuer).build().settings().issuerString()).isEqualTo(issuer);
    }
  }

  @Test
  void aGrantLifetimeCanBeShorterThanTheRefreshTokenLifetime() {
    ServerSettings s = valid().grantMaxLifetime(Duration.ofHours(12)).build().settings();
    assertThat(s.grantMaxLifetime()).isEqualTo(Duration.ofHours(12));
    assertThat(s.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
  }
}
