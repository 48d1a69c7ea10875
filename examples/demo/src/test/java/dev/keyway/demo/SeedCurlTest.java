package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.ExternalTools;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public API page's examples, run literally against the demo: its authorization URL, and its
 * two curl commands executed by a real {@code curl} process. The commands are read from our page,
 * {@code docs/api/oauth2.md}, which must carry them exactly as the original page does, host aside;
 * only the placeholders (client id, secret, code, redirect URI, refresh token) are filled in.
 */
class SeedCurlTest {

  /** The original page's host. */
  static final String SEED_HOST = "https://miwa.lol";

  /** Our page's host, the demo's default. */
  static final String DOC_HOST = "http://localhost:8080";

  static final String SEED_AUTHORIZE_URL =
      "https://miwa.lol/oauth2/authorize?client_id=<YOUR_CLIENT_ID>&redirect_uri=<YOUR_REDIRECT_URI>&response_type=code&scope=<SCOPES>";

  static final String SEED_EXCHANGE =
      """
      curl -X POST https://miwa.lol/api/oauth2/token \\
          -H "Content-Type: application/x-www-form-urlencoded" \\
          -d "client_id=YOUR_CLIENT_ID" \\
          -d "client_secret=YOUR_CLIENT_SECRET" \\
          -d "code=157845" \\
          -d "grant_type=authorization_code" \\
          -d "redirect_uri=https://example.com/callback"
      """;

  static final String SEED_REFRESH =
      """
      curl -X POST https://miwa.lol/api/oauth2/token \\
          -H "Content-Type: application/x-www-form-urlencoded" \\
          -d "client_id=YOUR_CLIENT_ID" \\
          -d "client_secret=YOUR_CLIENT_SECRET" \\
          -d "refresh_token=YOUR_REFRESH_TOKEN" \\
          -d "grant_type=refresh_token"
      """;

  @Test
  @DisplayName(
      "docs/api/oauth2.md carries the public page's URL and curl commands unchanged, host aside")
  void ourPageHasTheSeedCommands() throws IOException {
    String page = Files.readString(docsPage());
    assertThat(page).contains(SEED_AUTHORIZE_URL.replace(SEED_HOST, DOC_HOST));
    assertThat(curlBlocks(page))
        .containsSubsequence(
            SEED_EXCHANGE.replace(SEED_HOST, DOC_HOST), SEED_REFRESH.replace(SEED_HOST, DOC_HOST));
  }

  @Test
  @DisplayName(
      "the page's authorize URL, then its curl exchange and refresh, run by curl against the demo")
  void curlExchangeAndRefresh() throws Exception {
    Path curl = ExternalTools.onPath("curl");
    ExternalTools.require("curl", "install it with: apt-get install -y curl", curl);
    List<String> blocks = curlBlocks(Files.readString(docsPage()));
    String pageExchange = SEED_EXCHANGE.replace(SEED_HOST, DOC_HOST);
    String pageRefresh = SEED_REFRESH.replace(SEED_HOST, DOC_HOST);
    assertThat(blocks).contains(pageExchange, pageRefresh);

    try (DemoFixture demo = DemoFixture.start(HostKind.JETTY)) {
      String base = demo.base().toString();
      String redirectUri = demo.callback().localhostUri();
      String authorizeUrl =
          SEED_AUTHORIZE_URL
              .replace(SEED_HOST, base)
              .replace("<YOUR_CLIENT_ID>", "demo-client")
              .replace("<YOUR_REDIRECT_URI>", redirectUri)
              .replace("<SCOPES>", "profile");
      OAuthFlow flow = new OAuthFlow(demo.base());
      URI callback =
          flow.authorize(
              URI.create(authorizeUrl).getRawPath() + "?" + URI.create(authorizeUrl).getRawQuery(),
              "alice",
              DemoFixture.ALICE_PASSWORD,
              "allow");
      String code = Query.params(callback).get("code");
      assertThat(code).isNotBlank();

      String exchange =
          fill(pageExchange, base)
              .replace("code=157845", "code=" + code)
              .replace("https://example.com/callback", redirectUri);
      Map<String, Object> tokens = OAuthFlow.json(runCurl(exchange));
      assertTokens(tokens);

      String refresh =
          fill(pageRefresh, base)
              .replace("YOUR_REFRESH_TOKEN", (String) tokens.get("refresh_token"));
      Map<String, Object> renewed = OAuthFlow.json(runCurl(refresh));
      assertTokens(renewed);
      assertThat(renewed.get("refresh_token")).isNotEqualTo(tokens.get("refresh_token"));
      assertThat(renewed.get("access_token")).isNotEqualTo(tokens.get("access_token"));

      assertThat(flow.me((String) renewed.get("access_token")).body()).contains("\"id\":\"alice\"");

      Map<String, Object> replay = OAuthFlow.json(runCurl(exchange));
      assertThat(replay)
          .as("CR-01 the same code a second time")
          .containsEntry("error", "invalid_grant");
    }
  }

  private static void assertTokens(Map<String, Object> json) {
    assertThat(json.get("access_token")).isInstanceOf(String.class);
    assertThat(json.get("refresh_token")).isInstanceOf(String.class);
    assertThat((String) json.get("token_type")).isEqualToIgnoringCase("Bearer");
    assertThat(((Number) json.get("expires_in")).longValue())
        .as("access tokens expire after one hour")
        .isEqualTo(3600);
  }

  private static String fill(String command, String base) {
    return command
        .replace(DOC_HOST, base)
        .replace("YOUR_CLIENT_ID", "demo-client")
        .replace("YOUR_CLIENT_SECRET", DemoFixture.DEMO_CLIENT_SECRET);
  }

  /**
   * Runs the command through {@code /bin/sh} exactly as written (line continuations, quotes);
   * returns stdout.
   */
  static String runCurl(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("/bin/sh", "-c", command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
    assertThat(p.exitValue()).as("curl exit status").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Every ```bash block of the page that starts with curl -X POST, in order. */
  static List<String> curlBlocks(String page) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```bash\n(curl -X POST .*?)```", Pattern.DOTALL).matcher(page);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  static Path docsPage() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path page = dir.resolve("docs/api/oauth2.md");
      if (Files.isRegularFile(page)) {
        return page;
      }
    }
    throw new AssertionError("docs/api/oauth2.md not found above " + Path.of("").toAbsolutePath());
  }
}
