package dev.keyway.demo.support;

import java.io.File;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through Debian's ChromeDriver, both by explicit path, so
 * Selenium Manager is never consulted and nothing is downloaded.
 */
public final class Chromium {

  /** Debian's Chromium; {@code -Dkeyway.chromium=...} points elsewhere. */
  public static final Path BROWSER =
      Path.of(System.getProperty("keyway.chromium", "/usr/bin/chromium"));

  /** Debian's ChromeDriver; {@code -Dkeyway.chromedriver=...} points elsewhere. */
  public static final Path DRIVER =
      Path.of(System.getProperty("keyway.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** Skips the calling test without Chromium, or fails it when {@code CI=true}. */
  public static void requireInstalled() {
    ExternalTools.require(
        "Chromium/ChromeDriver",
        "install them with: apt-get install -y chromium chromium-driver",
        BROWSER,
        DRIVER);
  }

  /** A new browser with its own empty profile in {@code userDataDir}, sized like a phone. */
  public static ChromeDriver start(Path userDataDir) {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + userDataDir.toAbsolutePath(),
        "--window-size=412,915");
    return new ChromeDriver(service, options);
  }
}
