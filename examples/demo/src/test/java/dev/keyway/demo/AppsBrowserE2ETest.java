package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.Chromium;
import dev.keyway.demo.support.ClientCalls;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account and developer pages in a real headless Chromium (same rules as {@link
 * BrowserE2ETest}: skipped with a message without Chromium, failing when {@code CI=true}). A person
 * creates an OAuth app, uses it in a full authorization-code flow, rotates its secret and deletes
 * it; another revokes an app on the "Authorized apps" page. The server runs on a clock the test
 * moves, so a rotation's overlap ends when the test says.
 */
class AppsBrowserE2ETest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private DemoFixture demo;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path profile) throws Exception {
    Chromium.requireInstalled(); // per test, so each one is reported as skipped, not hidden
    demo = DemoFixture.start(HostKind.JETTY, clock);
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
  @DisplayName(
      "developer: create an app (secret shown once, copy button), authorize and exchange, rotate with overlap, delete")
  void developerAppLifecycle() {
    String redirectUri = demo.callback().localhostUri();
    browser.get(demo.base() + "/");
    browser.findElement(By.id("developer-apps-link")).click();
    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-app"))).click();

    // A refused redirect URI: the error is next to the field and what was typed is still there.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client_name")))
        .sendKeys("Browser <App>");
    browser.findElement(By.id("redirect_uris")).sendKeys("http://plain.example/cb");
    browser.findElement(By.id("scope-read")).click();
    browser.findElement(By.id("save")).click();
    WebElement error =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-redirect_uris")));
    screenshot("developer-app-form-error");
    assertThat(error.getText()).startsWith("Line 1: http is allowed only on a loopback host");
    assertThat(browser.findElement(By.id("client_name")).getAttribute("value"))
        .isEqualTo("Browser <App>");
    assertThat(browser.findElement(By.id("scope-read")).isSelected()).isTrue();
    browser.findElement(By.id("redirect_uris")).clear();
    browser.findElement(By.id("redirect_uris")).sendKeys(redirectUri);
    browser.findElement(By.id("save")).click();

    // The app's page shows the secret this once, with a working copy button.
    WebElement secretField =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client-secret")));
    String secret = secretField.getAttribute("value");
    String clientId = browser.findElement(By.id("client-id")).getText();
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(browser.findElement(By.id("new-secret")).getText()).contains("shown only this once");
    WebElement copy = browser.findElement(By.id("copy-secret"));
    assertThat(copy.isDisplayed()).as("the copy script ran under the page's CSP").isTrue();
    copy.click();
    wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("copy-secret"), "Copy")));
    screenshot("developer-app-created");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret-hidden")));
    assertThat(browser.findElements(By.id("client-secret"))).as("shown once").isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(secret);

    // A full authorization-code flow with the new app: the page's own link, consent, callback,
    // exchange.
    browser.findElement(By.id("authorize-link")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
    assertThat(browser.findElement(By.id("client-name")).getText()).isEqualTo("Browser <App>");
    browser.findElement(By.id("allow")).click();
    Map<String, String> params = callbackParams(redirectUri);
    ClientCalls client = new ClientCalls(demo.base());
    Map<String, Object> tokens =
        HostFlowTest.assertTokenResponse(
            client.exchange(clientId, secret, params.get("code"), redirectUri));
    assertThat(OAuthFlow.json(client.me((String) tokens.get("access_token")).body()))
        .containsEntry("id", "alice");

    // Rotate, keeping the old secret for one hour.
    browser.get(demo.base() + "/developer/apps/" + clientId);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("rotate"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("overlap-1h"))).click();
    browser.findElement(By.id("rotate-confirm")).click();
    String fresh =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client-secret")))
            .getAttribute("value");
    assertThat(fresh).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(secret);
    assertThat(browser.findElement(By.id("secrets")).getText())
        .contains("works until 1 Mar 2026, 13:00 UTC");
    screenshot("developer-app-rotated");

    Map<String, Object> viaOld =
        HostFlowTest.assertTokenResponse(
            client.refresh(clientId, secret, (String) tokens.get("refresh_token")));
    Map<String, Object> viaNew =
        HostFlowTest.assertTokenResponse(
            client.refresh(clientId, fresh, (String) viaOld.get("refresh_token")));
    clock.advance(Duration.ofHours(1));
    HttpResponse<String> oldAfter =
        client.refresh(clientId, secret, (String) viaNew.get("refresh_token"));
    assertThat(oldAfter.statusCode()).as("the old secret after its hour").isEqualTo(401);
    assertThat(OAuthFlow.json(oldAfter.body())).containsEntry("error", "invalid_client");
    Map<String, Object> latest =
        HostFlowTest.assertTokenResponse(
            client.refresh(clientId, fresh, (String) viaNew.get("refresh_token")));
    String access = (String) latest.get("access_token");
    assertThat(client.me(access).statusCode()).isEqualTo(200);

    // Delete, through the confirmation step: its tokens stop working.
    browser.get(demo.base() + "/developer/apps/" + clientId);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("delete"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("delete-confirm")));
    screenshot("developer-app-delete");
    assertThat(client.me(access).statusCode())
        .as("nothing deleted before confirming")
        .isEqualTo(200);
    browser.findElement(By.id("delete-confirm")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("notice"), "The app was deleted."));
    assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/developer/apps");
    assertThat(browser.findElements(By.cssSelector("[data-client-id='" + clientId + "']")))
        .isEmpty();
    assertThat(client.me(access).statusCode()).isEqualTo(401);
    assertThat(client.refresh(clientId, fresh, (String) latest.get("refresh_token")).statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName(
      "BR-02 authorized apps: a person revokes one app, its token fails while another app's works; then signs out of every app")
  void revokeOnAuthorizedAppsPage() {
    String redirectUri = demo.callback().localhostUri();
    ClientCalls client = new ClientCalls(demo.base());
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
                "profile read"));
    signIn("alice", DemoFixture.ALICE_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow"))).click();
    String demoToken =
        (String)
            HostFlowTest.assertTokenResponse(
                    client.exchange(
                        "demo-client",
                        DemoFixture.DEMO_CLIENT_SECRET,
                        callbackParams(redirectUri).get("code"),
                        redirectUri))
                .get("access_token");

    demo.callback().received().clear();
    browser.get(
        demo.base()
            + "/oauth2/authorize?"
            + Query.form(
                "client_id",
                "other-client",
                "redirect_uri",
                redirectUri,
                "response_type",
                "code",
                "scope",
                "profile"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
    browser.findElement(
        By.id("authorized-apps-link")); // the consent page says where to revoke later
    browser.findElement(By.id("allow")).click();
    String otherToken =
        (String)
            HostFlowTest.assertTokenResponse(
                    client.exchange(
                        "other-client",
                        DemoFixture.OTHER_CLIENT_SECRET,
                        callbackParams(redirectUri).get("code"),
                        redirectUri))
                .get("access_token");

    browser.get(demo.base() + "/");
    browser.findElement(By.id("authorized-apps-link")).click();
    WebElement demoCard =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section[data-client-id='demo-client']")));
    assertThat(demoCard.getText())
        .contains("Demo Client")
        .contains("See your user id and your name")
        .contains("Read your data")
        .contains("First authorized 1 Mar 2026, 12:00 UTC");
    screenshot("authorized-apps");
    demoCard.findElement(By.cssSelector("button.revoke")).click();

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Access removed."));
    assertThat(browser.findElements(By.cssSelector("section[data-client-id='demo-client']")))
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("section[data-client-id='other-client']")))
        .hasSize(1);
    assertThat(client.me(demoToken).statusCode()).isEqualTo(401);
    assertThat(client.introspectAsResourceServer(demoToken).body()).isEqualTo("{\"active\":false}");
    assertThat(client.me(otherToken).statusCode()).isEqualTo(200);

    browser.findElement(By.id("revoke-all")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-apps")));
    assertThat(client.me(otherToken).statusCode()).isEqualTo(401);
  }

  private void signIn(String username, String password) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
    assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/signin");
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private Map<String, String> callbackParams(String redirectUri) {
    wait.until(ExpectedConditions.urlMatches("^" + Pattern.quote(redirectUri) + "\\?"));
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
