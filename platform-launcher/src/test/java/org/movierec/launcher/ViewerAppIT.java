package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.movierec.contracts.events.Topics;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 18 end to end: a person uses the viewer's app in a real browser (Debian's Chromium, headless, driven by
 * Selenium through Debian's chromedriver) against the whole platform, and what they do reaches the telemetry.
 *
 * <p>A new user (created in the app, by keyboard) gets the popularity list (the model does not know them), watches and rates
 * three movies; after each rating the list changes and no longer holds the rated movie within 2 s (a functional
 * deadline of the fold-in loop, waited for with {@link WebDriverWait}, not a measurement), with the change
 * highlighted. "Why this?" answers, the history shows the watches and ratings once the collector has them, and the
 * page works at phone width without sideways scrolling. The browser's console has no error. Screenshots at desktop
 * and phone widths (the list after the ratings, its changes highlighted) and of the history are written to
 * {@code target/viewer-screenshots/} (linked from the README; build output).
 *
 * <p>Then the telemetry: every line the app wrote was parsed (no dead letter was added anywhere while the test
 * ran), the account, watches and ratings are stored, and the three ratings are in {@code online_predictions} under
 * the model version that served the user, so in that version's online RMSE ({@code online_rmse}).
 *
 * <p>The stack is small (800 users, 500 movies, 20,000 ratings of history) and has no robot traffic, so that the
 * model trains quickly and nothing but the person's actions touches their rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerAppIT {

    private static final StackSettings.World WORLD = new StackSettings.World(800, 500, 11, 20_000, 14);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "viewer-screenshots");
    /** The functional deadline of a rating's effect on the list. */
    private static final Duration LIST_CHANGES_WITHIN = Duration.ofSeconds(2);
    private static final Duration COLLECTED = Duration.ofSeconds(60);

    private LocalStack stack;
    private ChromeDriver browser;
    private Telemetry telemetry;

    @BeforeAll
    void start() throws Exception {
        assertThat(CHROMIUM).as("run bin/setup (Debian's chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("run bin/setup (Debian's chromium-driver)").isExecutable();
        StackSettings settings = E2eSettings.of("viewer", WORLD, 0).withoutMonitoring();
        stack = LocalStack.start(settings, new Progress(new ConsoleCapture().printStream()));
        telemetry = new Telemetry(stack.jdbcUrl());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aNewUserWatchesAndRatesAndTheListFollows() throws Exception {
        long deadLettersBefore = deadLetters();
        String inference = stack.service(Service.INFERENCE).baseUrl();
        List<String> popular = List.of(HttpCalls.get(inference + "/popular?size=20").body().trim().split(","));

        browser.get(stack.service(Service.SIMULATOR).baseUrl() + "/");
        // by keyboard, as a person without a mouse: choose the occupation, Tab to "Create user", Enter
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("occupation"))).selectByValue("programmer");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("Tab from the occupation")
                .isEqualTo("create-user");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#cards > li"), 20));
        long user = Long.parseLong(browser.findElement(By.id("profile-id")).getText());
        assertThat(user).as("a new account, after the world's users").isGreaterThan(WORLD.users());
        assertThat(listed()).as("a new user gets the popularity list").isEqualTo(popular);
        assertThat(browser.findElement(By.id("demographics")).getText()).contains("programmer");
        String servedBy = browser.findElement(By.id("serving")).getText();
        String version = browser.findElement(By.id("serving")).getDomAttribute("data-model-version");
        assertThat(servedBy).contains(version);
        long versionPredictionsBefore = onlineRmsePredictions(version);

        List<String> rated = new ArrayList<>();
        int[] ratings = {5, 4, 5};
        for (int k = 0; k < ratings.length; k++) {
            WebElement card = browser.findElements(By.cssSelector("#cards > li")).get(k);
            String movie = card.getDomAttribute("data-movie-id");
            List<String> before = listed();
            card.findElement(By.cssSelector("button.watch")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You watched"));
            card = browser.findElement(By.cssSelector("#cards > li[data-movie-id='" + movie + "']"));
            card.findElement(By.cssSelector("button.star[data-rating='" + ratings[k] + "']")).click();
            rated.add(movie);
            new WebDriverWait(browser, LIST_CHANGES_WITHIN).ignoring(StaleElementReferenceException.class).until(d -> {
                List<String> now = listed();
                return !now.equals(before) && !now.contains(movie);
            });
            assertThat(listed()).as("after rating %s", movie).hasSize(20).doesNotContainAnyElementsOf(rated);
            assertThat(browser.findElements(By.cssSelector("#cards > li.changed"))).as("the change is highlighted").isNotEmpty();
        }

        screenshot("viewer-desktop.png", "#cards > li.changed");

        WebElement why = browser.findElements(By.cssSelector("#cards > li button.why")).get(0);
        why.click();
        wait.until(d -> "true".equals(why.getDomAttribute("aria-expanded")));
        assertThat(browser.findElement(By.cssSelector("#cards > li .because")).getText()).isNotBlank();

        Waits.until("the history shows the three watches and ratings", COLLECTED, () -> {
            browser.findElement(By.id("refresh-activity")).click();
            return new WebDriverWait(browser, Duration.ofSeconds(5)).until(d ->
                    d.findElements(By.cssSelector("#ratings li")).size() == 3
                            && d.findElements(By.cssSelector("#watches li")).size() == 3);
        }, () -> browser.findElement(By.id("activity-body")).getText());
        assertThat(browser.findElement(By.id("analytics")).getText()).contains("Lists shown");
        screenshot("viewer-history.png", "#activity");

        browser.manage().window().setSize(new Dimension(390, 844));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth;");
        assertThat(overflow).as("no sideways scrolling at phone width").isEqualTo(false);
        screenshot("viewer-phone.png", "#cards > li.changed");

        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("browser console").noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());

        TelemetryLag lag = stack.telemetryLag();
        Map<Integer, Long> written = lag.mark(Topics.MOVIELOG); // the app's lines, and the simulator's so far
        Waits.until("the collector stored the app's lines", COLLECTED,
                () -> lag.behind(Topics.MOVIELOG, written) == 0 && telemetry.number(
                        "SELECT count(*) FROM online_predictions WHERE user_id = ?", user) == 3,
                () -> lag.describe(Topics.MOVIELOG, written) + ", predictions "
                        + telemetry.number("SELECT count(*) FROM online_predictions WHERE user_id = ?", user));
        assertThat(deadLetters()).as("dead letters while the app wrote").isEqualTo(deadLettersBefore);
        assertThat(telemetry.number("SELECT count(*) FROM accounts WHERE user_id = ?", user)).isEqualTo(1);
        assertThat(telemetry.number("SELECT count(*) FROM ratings WHERE user_id = ?", user)).isEqualTo(3);
        assertThat(telemetry.number("SELECT count(*) FROM watch_sessions WHERE user_id = ?", user)).isEqualTo(3);
        assertThat(telemetry.number("SELECT count(*) FROM recommendation_requests WHERE user_id = ? AND status = 200",
                user)).isGreaterThanOrEqualTo(4);
        assertThat(telemetry.number("SELECT count(*) FROM online_predictions WHERE user_id = ? AND model_version = ?"
                + " AND predicted IS NOT NULL", user, version)).as("the app's ratings, predicted by the serving version")
                .isEqualTo(3);
        assertThat(onlineRmsePredictions(version)).as("the online RMSE of %s counts the app's three ratings", version)
                .isEqualTo(versionPredictionsBefore + 3);
    }

    /**
     * The movie ids of the cards shown, in order, read in one script run: the page replaces its cards when the list
     * changes, so elements looked up one call earlier may be gone.
     */
    @SuppressWarnings("unchecked")
    private List<String> listed() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#cards > li'), li => li.dataset.movieId);");
    }

    /** The predictions behind {@code version}'s online RMSE (the {@code online_rmse} view, all arms). */
    private long onlineRmsePredictions(String version) {
        return telemetry.number("SELECT coalesce(sum(predictions), 0) FROM online_rmse WHERE model_version = ?", version);
    }

    private long deadLetters() {
        return telemetry.number("SELECT coalesce(sum(count), 0) FROM dead_letter_counts");
    }

    /** The viewport with the first element {@code selector} matches scrolled to its middle. */
    private void screenshot(String name, String selector) throws Exception {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", selector);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
