package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keyway.client.ClientMetadata;
import dev.keyway.client.RegistrationResult;
import dev.keyway.demo.support.ClientCalls;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.ExternalTools;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.PkcePair;
import dev.keyway.demo.support.Query;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every curl command of the public API page, {@code docs/api/oauth2.md}, run by a real {@code curl}
 * against the demo, in the order a developer would: exchange, refresh, call the API, introspect,
 * revoke, read the metadata, and the PKCE exchange of a public app. A curl command added to the
 * page without a case here fails the test, so the page cannot drift from what the demo does.
 */
class ApiPageCurlTest {

  /** The kinds of command the page shows, each exactly once. */
  enum Kind {
    EXCHANGE,
    REFRESH,
    PKCE_EXCHANGE,
    ME,
    REVOKE_REFRESH_POST,
    REVOKE_ACCESS_BASIC,
    INTROSPECT_AS_RESOURCE_SERVER,
    INTROSPECT_OWN_REFRESH,
    METADATA
  }

  static final String PKCE_AUTHORIZE_URL =
      "http://localhost:8080/oauth2/authorize?client_id=<YOUR_CLIENT_ID>&redirect_uri=<YOUR_REDIRECT_URI>"
          + "&response_type=code&scope=<SCOPES>&code_challenge=<CHALLENGE>&code_challenge_method=S256";

  @Test
  @DisplayName(
      "RV-04/RV-05/IN-02/IN-03 every curl on the API page does against the demo what the page says")
  void everyCurlCommandOnThePage() throws Exception {
    ExternalTools.require(
        "curl", "install it with: apt-get install -y curl", ExternalTools.onPath("curl"));
    String page = Files.readString(SeedCurlTest.docsPage());
    Map<Kind, String> commands = classify(page);
    assertThat(page).contains(PKCE_AUTHORIZE_URL);

    try (DemoFixture demo = DemoFixture.start(HostKind.JETTY)) {
      String base = demo.base().toString();
      String redirectUri = demo.callback().localhostUri();
      OAuthFlow alice = new OAuthFlow(demo.base());
      ClientCalls calls = new ClientCalls(demo.base());
      String code =
          Query.params(
                  alice.authorize(
                      "/oauth2/authorize?"
                          + Query.form(
                              "client_id",
                              "demo-client",
                              "redirect_uri",
                              redirectUri,
                              "response_type",
                              "code",
                              "scope",
                              "profile read"),
                      "alice",
                      DemoFixture.ALICE_PASSWORD,
                      "allow"))
              .get("code");

      Map<String, Object> first =
          curlJson(
              fill(commands.get(Kind.EXCHANGE), base)
                  .replace("code=157845", "code=" + code)
                  .replace("https://example.com/callback", redirectUri));
      Map<String, Object> tokens =
          curlJson(
              fill(commands.get(Kind.REFRESH), base)
                  .replace("YOUR_REFRESH_TOKEN", (String) first.get("refresh_token")));
      String access = (String) tokens.get("access_token");
      String refresh = (String) tokens.get("refresh_token");
      assertThat(access).isNotBlank();

      assertThat(curlJson(fill(commands.get(Kind.ME), base).replace("YOUR_ACCESS_TOKEN", access)))
          .containsEntry("id", "alice")
          .containsEntry("name", "Alice Liddell");

      Map<String, Object> introspected =
          curlJson(
              fill(commands.get(Kind.INTROSPECT_AS_RESOURCE_SERVER), base)
                  .replace("YOUR_ACCESS_TOKEN", access));
      assertThat(introspected)
          .containsOnlyKeys(
              "active", "scope", "client_id", "sub", "token_type", "exp", "iat", "nbf", "iss")
          .containsEntry("active", true)
          .containsEntry("scope", "profile read")
          .containsEntry("client_id", "demo-client")
          .containsEntry("sub", "alice")
          .containsEntry("token_type", "Bearer")
          .containsEntry("iss", demo.issuer());
      assertThat(
              ((Number) introspected.get("exp")).longValue()
                  - ((Number) introspected.get("iat")).longValue())
          .isEqualTo(3600);
      assertThat(introspected.get("nbf")).isEqualTo(introspected.get("iat"));
      String ownRefresh =
          fill(commands.get(Kind.INTROSPECT_OWN_REFRESH), base)
              .replace("YOUR_REFRESH_TOKEN", refresh);
      assertThat(curlJson(ownRefresh))
          .containsEntry("active", true)
          .containsEntry("token_type", "refresh_token")
          .doesNotContainKey("nbf");

      // An access token is revoked alone ...
      assertThat(
              SeedCurlTest.runCurl(
                  fill(commands.get(Kind.REVOKE_ACCESS_BASIC), base)
                      .replace("YOUR_ACCESS_TOKEN", access)))
          .as("200 with an empty body")
          .isEmpty();
      assertThat(calls.me(access).statusCode()).isEqualTo(401);
      assertThat(curlJson(ownRefresh))
          .as("its refresh token still works")
          .containsEntry("active", true);
      // ... a refresh token ends the whole authorization.
      Map<String, Object> renewed =
          HostFlowTest.assertTokenResponse(
              calls.refresh("demo-client", DemoFixture.DEMO_CLIENT_SECRET, refresh));
      String renewedRefresh = (String) renewed.get("refresh_token");
      assertThat(
              SeedCurlTest.runCurl(
                  fill(commands.get(Kind.REVOKE_REFRESH_POST), base)
                      .replace("YOUR_REFRESH_TOKEN", renewedRefresh)))
          .isEmpty();
      assertThat(calls.me((String) renewed.get("access_token")).statusCode()).isEqualTo(401);
      assertThat(calls.introspectAsResourceServer(renewedRefresh).body())
          .isEqualTo("{\"active\":false}");
      assertThat(
              OAuthFlow.json(
                  calls
                      .refresh("demo-client", DemoFixture.DEMO_CLIENT_SECRET, renewedRefresh)
                      .body()))
          .containsEntry("error", "invalid_grant");

      assertThat(curlJson(fill(commands.get(Kind.METADATA), base)))
          .containsEntry("issuer", demo.issuer())
          .containsEntry("revocation_endpoint", demo.issuer() + "/api/oauth2/revoke")
          .containsEntry("introspection_endpoint", demo.issuer() + "/api/oauth2/introspect");

      // A public app, as a developer would create it, with the page's PKCE URL and exchange.
      String publicApp = registerPublicApp(demo);
      PkcePair pkce = PkcePair.random();
      URI pkceUrl =
          URI.create(
              PKCE_AUTHORIZE_URL
                  .replace(SeedCurlTest.DOC_HOST, base)
                  .replace("<YOUR_CLIENT_ID>", publicApp)
                  .replace("<YOUR_REDIRECT_URI>", "com.example.myapp:/callback")
                  .replace("<SCOPES>", "profile")
                  .replace("<CHALLENGE>", pkce.challenge()));
      URI callback = alice.consent(pkceUrl.getRawPath() + "?" + pkceUrl.getRawQuery(), "allow");
      assertThat(callback.toString()).startsWith("com.example.myapp:/callback?");
      Map<String, Object> publicTokens =
          curlJson(
              commands
                  .get(Kind.PKCE_EXCHANGE)
                  .replace(SeedCurlTest.DOC_HOST, base)
                  .replace("YOUR_CLIENT_ID", publicApp)
                  .replace("YOUR_CODE_VERIFIER", pkce.verifier())
                  .replace("YOUR_CODE", Query.params(callback).get("code")));
      assertThat(publicTokens.get("access_token")).isInstanceOf(String.class);
      assertThat(((Number) publicTokens.get("expires_in")).longValue()).isEqualTo(3600);

      // As the page says, a public app revokes with its bare client_id.
      String publicRefresh = (String) publicTokens.get("refresh_token");
      java.net.http.HttpResponse<String> revoked =
          alice
              .browser()
              .postForm(
                  demo.base().resolve("/api/oauth2/revoke"),
                  Query.form("client_id", publicApp, "token", publicRefresh));
      assertThat(revoked.statusCode()).isEqualTo(200);
      assertThat(calls.introspectAsResourceServer(publicRefresh).body())
          .isEqualTo("{\"active\":false}");

      // Dynamic client registration is off in the demo, as the page says.
      assertThat(
              alice
                  .browser()
                  .postForm(demo.base().resolve("/api/oauth2/register"), "{}")
                  .statusCode())
          .isEqualTo(404);
    }
  }

  private static Map<Kind, String> classify(String page) {
    Map<Kind, String> commands = new EnumMap<>(Kind.class);
    for (String block : curlBlocks(page)) {
      Kind kind = kindOf(block);
      if (commands.put(kind, block) != null) {
        fail(
            "the page shows two curl commands of kind "
                + kind
                + "; give the new one its own case here");
      }
    }
    assertThat(commands.keySet())
        .as("every kind of command is on the page")
        .containsExactlyInAnyOrder(Kind.values());
    return commands;
  }

  private static Kind kindOf(String block) {
    boolean basic = block.contains(" -u ");
    if (block.contains("/api/oauth2/token")) {
      return block.contains("code_verifier=")
          ? Kind.PKCE_EXCHANGE
          : block.contains("grant_type=refresh_token") ? Kind.REFRESH : Kind.EXCHANGE;
    } else if (block.contains("/api/oauth2/revoke")
        && !basic
        && block.contains("YOUR_REFRESH_TOKEN")) {
      return Kind.REVOKE_REFRESH_POST;
    } else if (block.contains("/api/oauth2/revoke")
        && basic
        && block.contains("YOUR_ACCESS_TOKEN")) {
      return Kind.REVOKE_ACCESS_BASIC;
    } else if (block.contains("/api/oauth2/introspect")
        && basic
        && block.contains("YOUR_ACCESS_TOKEN")) {
      return Kind.INTROSPECT_AS_RESOURCE_SERVER;
    } else if (block.contains("/api/oauth2/introspect")
        && !basic
        && block.contains("YOUR_REFRESH_TOKEN")) {
      return Kind.INTROSPECT_OWN_REFRESH;
    } else if (block.startsWith("curl http://localhost:8080/api/me ")) {
      return Kind.ME;
    } else if (block.startsWith(
        "curl http://localhost:8080/.well-known/oauth-authorization-server")) {
      return Kind.METADATA;
    }
    throw new AssertionError("a curl command on docs/api/oauth2.md that no test runs:\n" + block);
  }

  /** Every ```bash block of the page that starts with curl, in order. */
  static List<String> curlBlocks(String page) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```bash\n(curl .*?)```", Pattern.DOTALL).matcher(page);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static String fill(String command, String base) {
    return command
        .replace(SeedCurlTest.DOC_HOST, base)
        .replace("YOUR_CLIENT_ID", "demo-client")
        .replace("YOUR_CLIENT_SECRET", DemoFixture.DEMO_CLIENT_SECRET)
        .replace("YOUR_RESOURCE_SERVER_SECRET", DemoFixture.RESOURCE_SERVER_SECRET);
  }

  private static Map<String, Object> curlJson(String command) throws Exception {
    return OAuthFlow.json(SeedCurlTest.runCurl(command));
  }

  private static String registerPublicApp(DemoFixture demo) {
    RegistrationResult result =
        demo.host()
            .app()
            .server()
            .clientRegistry()
            .register(
                ClientMetadata.builder()
                    .publicClient()
                    .clientName("My App")
                    .redirectUris("com.example.myapp:/callback")
                    .scopes("profile")
                    .owner("alice")
                    .build());
    assertThat(result).isInstanceOf(RegistrationResult.Registered.class);
    return ((RegistrationResult.Registered) result).client().clientId();
  }
}
