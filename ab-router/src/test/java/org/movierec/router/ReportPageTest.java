package org.movierec.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.experiments.ExperimentsCollection;
import org.movierec.router.report.SequentialLooks;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * {@code GET /experiments/{id}/report.html} on the running router (the same test resources as
 * {@link RouterServiceTest}, so both share one application): each test that looks at a page sets up its own
 * A/B experiment that ran for four hours with telemetry in every quarter hour, stopped before the test looks at
 * it (so it never blocks another test's experiment); its page is served as self-contained HTML with every chart,
 * escapes the experiment's name, and renders in headless Chromium without a console message. The screenshot is
 * {@code target/report-page.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeInference.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
class ReportPageTest {

    /** A name a page must escape: markup, quotes and an ampersand. */
    static final String NAME = "Ranking <script>alert(\"v2\")</script> & friends";
    static final String ESCAPED_NAME = "Ranking &lt;script&gt;alert(&quot;v2&quot;)&lt;/script&gt; &amp; friends";
    static final Duration RAN_FOR = Duration.ofHours(4);
    static final Duration QUARTER = Duration.ofMinutes(15);
    static final int FIGURES = 7;
    static final Path SCREENSHOT = Path.of("target", "report-page.png");

    static MongoClient mongo;
    static MongoDatabase db;
    static final List<String> EXPERIMENTS = new CopyOnWriteArrayList<>();
    static String v1;
    static String v2;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void twoModelVersionsAndTheTelemetryTables() {
        mongo = TestModels.mongo();
        db = mongo.getDatabase("movierec");
        String[] versions = TestModels.register(mongo, "report page model one", "report page model two");
        v1 = versions[0];
        v2 = versions[1];
        TelemetryRows.migrate();
    }

    /** Leaves no looks of its experiments behind. */
    @AfterAll
    static void removeTheLooksAndClose() {
        for (String experimentId : EXPERIMENTS) {
            db.getCollection(SequentialLooks.COLLECTION)
                    .deleteMany(Filters.regex("_id", "^" + Pattern.quote(experimentId) + "/"));
        }
        mongo.close();
    }

    /**
     * An experiment that ran for four hours with telemetry in every quarter hour, stopped, and looked at twice
     * through the JSON report; returns its id.
     */
    static String anExperimentThatRanForFourHoursWithTelemetryEveryQuarterHour() throws Exception {
        RouterServiceTest.stopRunningExperiments();
        String experimentId = RouterServiceTest.admin("POST", "/experiments", "{\"name\":" + jsonString(NAME)
                + ",\"arms\":[{\"name\":\"control\",\"modelVersion\":\"" + v1 + "\",\"weight\":50},"
                + "{\"name\":\"treatment\",\"modelVersion\":\"" + v2 + "\",\"weight\":50}]}")
                .then().statusCode(201).extract().path("id");
        EXPERIMENTS.add(experimentId);
        RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/stop", null).then().statusCode(200);
        Instant start = Instant.now().minus(RAN_FOR);
        db.getCollection(ExperimentsCollection.COLLECTION).updateOne(Filters.eq("_id", experimentId),
                Updates.combine(Updates.set("createdAt", Date.from(start)), Updates.set("liveAt", Date.from(start)),
                        Updates.set("weightsSince", Date.from(start)),
                        Updates.set("weightPeriods.0.since", Date.from(start))));
        // 16 quarter hours; treatment predicts better (error sd 0.85 against 0.95) and is watched less
        for (int q = 0; q < 16; q++) {
            Instant at = start.plus(QUARTER.multipliedBy(q)).plus(QUARTER.dividedBy(2));
            TelemetryRows.insertAt(at, experimentId, "control", v1, 100_000 + 1_000L * q, 60, q % 3 == 0 ? 3 : 2,
                    5.0 + q % 3, 40, 0.95, q);
            TelemetryRows.insertAt(at, experimentId, "treatment", v2, 200_000 + 1_000L * q, 58, q % 4 == 0 ? 2 : 3,
                    6.0 + q % 2, 40, 0.85, 100 + q);
        }
        // two looks of the sequential tests, as at two decision points
        for (int look = 0; look < 2; look++) {
            RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/look", null).then().statusCode(200);
        }
        return experimentId;
    }

    @Test
    void thePageIsTheJsonReportAsSelfContainedHtmlWithEveryChart() throws Exception {
        String experimentId = anExperimentThatRanForFourHoursWithTelemetryEveryQuarterHour();
        Response json = given().get("/experiments/" + experimentId + "/report");
        json.then().statusCode(200);
        float controlRmse = json.path("arms[0].rmse");
        int treatmentUsers = json.path("arms[1].users");

        Response page = given().get("/experiments/" + experimentId + "/report.html");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .header("Cache-Control", equalTo("no-store"));
        String html = page.asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("<title>Experiment report: " + ESCAPED_NAME + " (" + experimentId + ")</title>")
                .contains("<h1>Experiment report: " + ESCAPED_NAME + "</h1>")
                .doesNotContain("<script").doesNotContain("alert(\"v2\")");
        // self-contained: nothing fetched from elsewhere
        assertThat(html).doesNotContain("src=\"http").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("url(").doesNotContainPattern("href=\"https?:");
        assertThat(count(html, "<svg ")).isEqualTo(FIGURES);
        assertThat(count(html, "role=\"img\"")).isEqualTo(FIGURES);
        assertThat(count(html, "<figure ")).isEqualTo(FIGURES);
        assertThat(count(html, "<figcaption>")).isEqualTo(FIGURES);
        assertThat(html).contains(">control<span class=\"ci version\">" + v1 + "<",
                ">treatment<span class=\"ci version\">" + v2 + "<");
        // the table shows the JSON report's figures
        assertThat(html).contains("<td>" + String.format(Locale.ROOT, "%.3f", controlRmse) + " <span class=\"ci\">[")
                .contains("<td>" + String.format(Locale.ROOT, "%,d", treatmentUsers) + "</td>");

        String rmse = figure(html, "rmse-over-time");
        assertThat(rmse).contains("<path class=\"band c0\" d=\"M", "<path class=\"line c0\" d=\"M",
                "<path class=\"band c1\" d=\"M", "<path class=\"line c1\" d=\"M");
        // one marker per quarter hour and arm: 15-minute buckets (4 h in 5-minute ones would be more than 48)
        assertThat(count(rmse, "<circle class=\"dot c0\"")).isEqualTo(16);
        assertThat(count(rmse, "<circle class=\"dot c1\"")).isEqualTo(16);
        assertThat(html).contains("per 15-minute bucket");
        // the always-valid p-values: the two looks of the fixture (reading the JSON report and the page took
        // none), each with a marker on the primary metric's line (watch-through) and on the guardrails' with a
        // test (rmse, error-rate), and the alpha line; no paired rows, so no paired line
        String pValues = figure(html, "p-values");
        assertThat(count(pValues, "<circle class=\"dot c1\"")).isEqualTo(2 * 3);
        assertThat(pValues).contains("class=\"ref\"", "α = 0.05", "<path class=\"line c1 dashed\"");
        Document looks = db.getCollection(SequentialLooks.COLLECTION)
                .find(Filters.eq("_id", experimentId + "/treatment/watch-through")).first();
        assertThat(looks.getList("history", Document.class)).hasSize(2);
        // relative effects with intervals, and over time
        assertThat(html).contains("Effects against control", "Weight periods", "Effects over time");
        String lift = figure(html, "lift-watch-through");
        assertThat(lift).contains("<path class=\"band c1\" d=\"M", "<path class=\"line c1\" d=\"M", "no effect");
        assertThat(count(lift, "<circle class=\"dot c1\"")).isEqualTo(16);
        String split = figure(html, "traffic-split");
        assertThat(count(split, "<path class=\"bar c")).isEqualTo(2);
        assertThat(count(split, "<path class=\"target\"")).isEqualTo(2);
        String watch = figure(html, "watch-through");
        assertThat(count(watch, "<path class=\"whisker c")).isEqualTo(2);
    }

    @Test
    void anUnknownExperimentIs404LikeTheJsonReport() {
        given().get("/experiments/no-such-experiment/report.html").then().statusCode(404)
                .contentType("application/problem+json").body("detail", startsWith("no experiment"));
    }

    @Test
    void headlessChromiumRendersTheChartsWithoutAConsoleMessage() throws Exception {
        HeadlessChromium.require();
        String experimentId = anExperimentThatRanForFourHoursWithTelemetryEveryQuarterHour();
        String url = base.toString().replaceAll("/$", "") + "/experiments/" + experimentId + "/report.html";

        HeadlessChromium.Run dom = HeadlessChromium.run(url, "--dump-dom");
        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        assertThat(dom.consoleLines()).as("console messages of the page").isEmpty();
        // the DOM after parsing and layout: every chart is an SVG element with its drawn paths
        assertThat(count(dom.stdout(), "<svg ")).isEqualTo(FIGURES);
        assertThat(dom.stdout()).contains("<path class=\"line c0\" d=\"M", "<path class=\"band c1\" d=\"M",
                "<circle class=\"dot c0\"", "<title id=\"rmse-over-time-svg-title\">Online RMSE per arm over time</title>");

        Files.deleteIfExists(SCREENSHOT);
        HeadlessChromium.Run shot = HeadlessChromium.run(url, "--screenshot=" + SCREENSHOT.toAbsolutePath(),
                "--window-size=1280,2000", "--hide-scrollbars");
        assertThat(shot.exitCode()).as(shot.stderr()).isZero();
        assertThat(shot.consoleLines()).as("console messages of the page").isEmpty();
        assertThat(SCREENSHOT).exists();
        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
        // not blank: many colours (text, the arms' lines and bands) and a fair share of non-white pixels
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    inked++;
                }
            }
        }
        assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(50);
        assertThat(inked).as("non-white pixels sampled").isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);

        // a phone's width: one column, the tables scroll inside their frames (looked at by eye)
        Path narrow = SCREENSHOT.resolveSibling("report-page-narrow.png");
        HeadlessChromium.Run phone = HeadlessChromium.run(url, "--screenshot=" + narrow.toAbsolutePath(),
                "--window-size=390,2400", "--hide-scrollbars");
        assertThat(phone.exitCode()).as(phone.stderr()).isZero();
        assertThat(phone.consoleLines()).as("console messages of the page").isEmpty();
        assertThat(ImageIO.read(narrow.toFile()).getWidth()).isEqualTo(390);
    }

    @Test
    void theConsoleCheckSeesAMessageWhenThereIsOne() throws Exception {
        // the check above must be able to fail: the same policy, one external image, one console line
        Path bad = Path.of("target", "console-check.html").toAbsolutePath();
        Files.writeString(bad, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                + "default-src 'none'; style-src 'unsafe-inline'\"><title>x</title></head><body>"
                + "<img src=\"http://127.0.0.1:9/x.png\" alt=\"x\"></body></html>");
        HeadlessChromium.Run run = HeadlessChromium.run(bad.toUri().toString(), "--dump-dom");
        assertThat(run.consoleLines()).singleElement().asString().contains("Content Security Policy");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The {@code <figure>} with id {@code id}. */
    static String figure(String html, String id) {
        Matcher m = Pattern.compile("<figure id=\"" + Pattern.quote(id) + "\".*?</figure>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("figure " + id).isTrue();
        return m.group();
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
