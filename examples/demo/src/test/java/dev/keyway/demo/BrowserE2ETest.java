package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.Chromium;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.PkcePair;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SeedForms;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless Chromium: a person opens the authorization URL, signs in on the
 * demo's page, allows or denies on its consent page, and lands on the client's callback; the test
 * then plays the client (exchange, refresh, API call) over HTTP.
 */
class BrowserE2ETest {

  private DemoFixture demo;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path profile) throws Exception {
    Chromium.requireInstalled(); // per test, so each one is reported as skipped, not hidden
    demo = DemoFixture.start(HostKind.JETTY);
    browser = Chromium.start(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  @DisplayName("demo-public with PKCE: sign in, allow, code/state/iss, exchange, refresh, /api/me")
  void publicClientWithPkce() {
    PkcePair pkce = PkcePair.random();
    String redirectUri = demo.callback().loopbackUri();
    browser.get(
        demo.base()
            + "/oauth2/authorize?"
            + Query.form(
                "client_id",
                "demo-public",
                "redirect_uri",
                redirectUri,
                "response_type",
                "code",
                "scope",
                "profile read",
                "state",
                "xyz-42",
                "code_challenge",
                pkce.challenge(),
                "code_challenge_method",
                "S256"));

    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
    assertThat(browser.findElement(By.id("client-name")).getText()).isEqualTo("Demo Public App");
    assertThat(browser.findElement(By.id("scopes")).getText())
        .contains("See your user id and your name")
        .contains("Read your data");
    screenshot("consent");
    browser.findElement(By.id("allow")).click();

    Map<String, String> params = callbackParams(redirectUri);
    assertThat(params)
        .containsEntry("state", "xyz-42")
        .containsEntry("iss", demo.issuer())
        .containsKey("code");

    OAuthFlow client = new OAuthFlow(demo.base());
    Map<String, Object> tokens =
        HostFlowTest.assertTokenResponse(
            client.token(
                Query.form(
                    "client_id",
                    "demo-public",
                    "code",
                    params.get("code"),
                    "grant_type",
                    "authorization_code",
                    "redirect_uri",
                    redirectUri,
                    "code_verifier",
                    pkce.verifier())));
    Map<String, Object> renewed =
        HostFlowTest.assertTokenResponse(
            client.token(
                Query.form(
                    "client_id",
                    "demo-public",
                    "refresh_token",
                    (String) tokens.get("refresh_token"),
                    "grant_type",
                    "refresh_token")));
    assertThat(OAuthFlow.json(client.me((String) renewed.get("access_token")).body()))
        .containsEntry("id", "alice")
        .containsEntry("name", "Alice Liddell");
  }

  @Test
  @DisplayName(
      "demo-client with the public page's URL: sign in, allow, exchange with client_secret, refresh, /api/me")
  void confidentialClient() {
    String redirectUri = demo.callback().localhostUri();
    browser.get(
        demo.base()
            + "/oauth2/authorize?client_id=demo-client&redirect_uri="
            + redirectUri
            + "&response_type=code&scope=profile");
    signIn("bob", "builder");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow"))).click();

    Map<String, String> params = callbackParams(redirectUri);
    assertThat(params).containsKey("code").containsEntry("iss", demo.issuer());

    OAuthFlow client = new OAuthFlow(demo.base());
    Map<String, Object> tokens =
        HostFlowTest.assertTokenResponse(
            client.token(
                SeedForms.codeExchange(
                    "demo-client",
                    DemoFixture.DEMO_CLIENT_SECRET,
                    params.get("code"),
                    redirectUri)));
    Map<String, Object> renewed =
        HostFlowTest.assertTokenResponse(
            client.token(
                SeedForms.refresh(
                    "demo-client",
                    DemoFixture.DEMO_CLIENT_SECRET,
                    (String) tokens.get("refresh_token"))));
    assertThat(OAuthFlow.json(client.me((String) renewed.get("access_token")).body()))
        .containsEntry("id", "bob")
        .containsEntry("name", "Bob Builder");
  }

  @Test
  @DisplayName(
      "AZ-09 deny: the browser lands on the callback with error=access_denied and the state")
  void deny() {
    String redirectUri = demo.callback().localhostUri();
    browser.get(
        demo.base()
            + "/oauth2/authorize?"
            + Query.form(
                "client_id",
                "demo-client",
                "redirect_uri",
                redirectUri,
                "response_type",
                "code",
                "scope",
                "write",
                "state",
                "s-deny"));
    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();

    Map<String, String> params = callbackParams(redirectUri);
    assertThat(params)
        .containsEntry("error", "access_denied")
        .containsEntry("state", "s-deny")
        .doesNotContainKey("code");
  }

  @Test
  @DisplayName("a wrong password stays on the sign-in page with an error")
  void wrongPassword() {
    browser.get(
        demo.base()
            + "/oauth2/authorize?client_id=demo-client&redirect_uri="
            + demo.callback().localhostUri()
            + "&response_type=code&scope=profile");
    signIn("alice", "not-her-password");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
    screenshot("signin-error");
    assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/signin");
    assertThat(browser.findElement(By.id("error")).getText())
        .isEqualTo("Incorrect username or password.");
    assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo("alice");
    assertThat(demo.callback().received()).isEmpty();

    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
  }

  @Test
  @DisplayName("the sign-in page alone: a person signs in and out on the start page")
  void signInAndOutOnTheStartPage() {
    browser.get(demo.base() + "/signin");
    screenshot("signin");
    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-name")));
    assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/");
    assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("Alice Liddell");
    browser.findElement(By.cssSelector("form[action='/signout'] button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Not signed in"));
  }

  private void signIn(String username, String password) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
    assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/signin");
    browser.findElement(By.id("username")).clear();
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Waits for the browser to land on the client's callback and returns its query parameters. */
  private Map<String, String> callbackParams(String redirectUri) {
    wait.until(
        ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(redirectUri) + "\\?"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("callback")));
    return Query.params(URI.create(browser.getCurrentUrl()));
  }

  /** Saves what the person sees under target/screenshots, for humans reviewing the pages. */
  private void screenshot(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
