package io.jobfleet.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs
 * them). Nothing is downloaded: a machine without them fails the browser tests, it does not skip them.
 */
final class Chromium {
    static final String BROWSER = System.getProperty("jobfleet.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("jobfleet.chromedriver", "/usr/bin/chromedriver");
    /** Where the screenshots used by docs/console.md are written. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "console");

    private Chromium() {
    }

    static ChromeDriver start() {
        if (!new File(BROWSER).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need Chromium and its driver at " + BROWSER + " and "
                    + DRIVER + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // an element of the next page is waited for while the browser is still on the last one
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
