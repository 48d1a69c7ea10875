package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.S;
import static dev.keyway.authorize.AuthorizeFixture.V;
import static dev.keyway.authorize.AuthorizeFixture.VALID;
import static dev.keyway.authorize.AuthorizeFixture.base;
import static dev.keyway.authorize.AuthorizeFixture.enc;
import static dev.keyway.authorize.AuthorizeFixture.location;
import static dev.keyway.authorize.AuthorizeFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Security catalogue group C at the authorization endpoint: PKCE (RFC 7636 §4.3, §4.4.1). */
class PkceAuthorizationTest {

  private final AuthorizeFixture f = new AuthorizeFixture();

  private void assertInvalidRequestRedirect(AuthorizeOutcome outcome, String expectedBase) {
    String location = location(outcome);
    assertThat(base(location)).isEqualTo(expectedBase);
    Parameters p = query(location);
    assertThat(p.get("error")).contains("invalid_request");
    assertThat(p.get("state")).contains("xyz");
    assertThat(p.get("iss")).contains(AuthorizeFixture.ISSUER);
    assertThat(p.isPresent("code")).isFalse();
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName(
      "PK-01 a public client without code_challenge: invalid_request, code challenge required")
  void pk01PublicClientWithoutChallenge() {
    f.signIn("alice");
    AuthorizeOutcome outcome =
        f.get(
            "response_type=code&client_id=p1&redirect_uri=https%3A%2F%2Fspa.example%2Fcb&state=xyz");
    assertInvalidRequestRedirect(outcome, "https://spa.example/cb");
    assertThat(query(location(outcome)).get("error_description"))
        .contains("code_challenge required");
  }

  @Test
  @DisplayName(
      "PK-02 a confidential client that requires PKCE: invalid_request, registered query kept")
  void pk02ConfidentialClientRequiringPkce() {
    f.signIn("alice");
    AuthorizeOutcome outcome =
        f.get(
            "response_type=code&client_id=c1q&redirect_uri="
                + enc("https://app.example/cb?foo=bar")
                + "&state=xyz");
    String location = location(outcome);
    assertThat(location)
        .isEqualTo(
            "https://app.example/cb?foo=bar&error=invalid_request"
                + "&error_description=code_challenge%20required&state=xyz&iss=https%3A%2F%2Fas.example");
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("PK-02 / DESIGN.md decision 1: a confidential client not requiring PKCE may omit it")
  void pk02ConfidentialClientMayOmitPkceByDefault() {
    String q = VALID.replace("&code_challenge=" + S + "&code_challenge_method=S256", "");
    String location = location(f.approveAsAlice(q));
    AuthorizationCodeRecord code = f.codeRecord(query(location).get("code").orElseThrow());
    assertThat(code.codeChallenge()).isNull();
    assertThat(code.codeChallengeMethod()).isNull();
  }

  static Stream<Arguments> plainChallenges() {
    return Stream.of(
        Arguments.of("explicit plain", "&code_challenge=" + V + "&code_challenge_method=plain"),
        Arguments.of("method omitted, so plain", "&code_challenge=" + S));
  }

  @ParameterizedTest(name = "PK-03 {0}")
  @MethodSource("plainChallenges")
  @DisplayName("PK-03 plain is refused at /authorize, including when implied by an omitted method")
  void pk03PlainRefused(String name, String pkce) {
    f.signIn("alice");
    String q = VALID.replace("&code_challenge=" + S + "&code_challenge_method=S256", pkce);
    assertInvalidRequestRedirect(f.get(q), "https://app.example/cb");
  }

  @ParameterizedTest(name = "PK-03 {0} with allowPlainPkce")
  @MethodSource("plainChallenges")
  @DisplayName("PK-03 plain is accepted only when the server enables it")
  void pk03PlainAcceptedWhenEnabled(String name, String pkce) {
    AuthorizeFixture g = new AuthorizeFixture(b -> b.allowPlainPkce(true));
    String q = VALID.replace("&code_challenge=" + S + "&code_challenge_method=S256", pkce);
    String location = location(g.approveAsAlice(q));
    assertThat(g.codeRecord(query(location).get("code").orElseThrow()).codeChallengeMethod())
        .isEqualTo("plain");
  }

  static Stream<Arguments> malformedPkce() {
    String ok43 = "a".repeat(43);
    return Stream.of(
        Arguments.of("method S257", S, "S257"),
        Arguments.of("method s256", S, "s256"),
        Arguments.of("method SHA256", S, "SHA256"),
        Arguments.of("method with trailing space", S, "S256 "),
        Arguments.of("challenge of 42", "a".repeat(42), "S256"),
        Arguments.of("challenge of 129", "a".repeat(129), "S256"),
        Arguments.of("challenge with +", ok43.substring(1) + "+", "S256"),
        Arguments.of("challenge with /", ok43.substring(1) + "/", "S256"),
        Arguments.of("challenge with =", ok43.substring(1) + "=", "S256"),
        Arguments.of("challenge with space", ok43.substring(1) + " ", "S256"),
        Arguments.of("method without challenge", null, "S256"));
  }

  @ParameterizedTest(name = "PK-04 {0}")
  @MethodSource("malformedPkce")
  @DisplayName("PK-04 unknown method or malformed challenge: invalid_request, no code")
  void pk04MalformedPkce(String name, String challenge, String method) {
    f.signIn("alice");
    String pkce =
        (challenge == null ? "" : "&code_challenge=" + enc(challenge))
            + "&code_challenge_method="
            + enc(method);
    String q = VALID.replace("&code_challenge=" + S + "&code_challenge_method=S256", pkce);
    assertInvalidRequestRedirect(f.get(q), "https://app.example/cb");
  }

  static Stream<Integer> challengeLengths() {
    return Stream.of(43, 128);
  }

  @ParameterizedTest(name = "PK-04 boundary: a {0}-character challenge is accepted")
  @MethodSource("challengeLengths")
  @DisplayName("PK-04 43 and 128 unreserved characters are well-formed challenges")
  void pk04BoundaryLengthsAccepted(int length) {
    String challenge = "-._~AZaz09".repeat(13).substring(0, length);
    String q = VALID.replace("code_challenge=" + S, "code_challenge=" + challenge);
    String location = location(f.approveAsAlice(q));
    assertThat(f.codeRecord(query(location).get("code").orElseThrow()).codeChallenge())
        .isEqualTo(challenge);
  }

  @Test
  @DisplayName("PK S256 with the RFC 7636 Appendix B pair: the stored challenge verifies against V")
  void s256ChallengeFromRfc7636AppendixB() {
    assertThat(Hashing.sha256Base64Url(V)).isEqualTo(S);
    String location = location(f.approveAsAlice(VALID));
    AuthorizationCodeRecord code = f.codeRecord(query(location).get("code").orElseThrow());
    assertThat(code.codeChallenge()).isEqualTo(S);
    assertThat(code.codeChallengeMethod()).isEqualTo("S256");
    assertThat(Pkce.verify(V, code.codeChallenge(), code.codeChallengeMethod())).isTrue();
    assertThat(Pkce.verify("x".repeat(43), code.codeChallenge(), code.codeChallengeMethod()))
        .isFalse();
  }
}
