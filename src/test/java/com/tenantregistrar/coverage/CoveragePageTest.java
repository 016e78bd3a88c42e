package com.tenantregistrar.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.journal.MissingEntries;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The coverage page in a real headless Chromium, against the app on the emulated Partner Center, ARM and Azurite
 * seeded with the demo partner after a timer run in reconcile mode: what a person sees (the header's figures, a
 * missing customer's "since", a held removal's reason, the filter, the sort), and that the page asks nothing of any
 * host but the app and logs no error. Writes target/coverage-page.png.
 */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class CoveragePageTest extends EmulatedArmTest {

    static final String CONTOSO = CoverageFunctionTest.CONTOSO;
    static final String LITWARE = "7b0b864c-0c6a-41a7-b8f7-b6ead655ae0a";
    static final String KEY = "page-test-function-key";

    private static HeadlessChromium chromium;

    @Inject
    PartnerCenterState partnerCenter;

    @Inject
    MissingEntries missing;

    @TestHTTPResource("/ui")
    URL ui;

    @BeforeAll
    static void browser() {
        chromium = HeadlessChromium.start(1400, 1300);
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        chromium.close();
    }

    private Instant contosoSince;

    @BeforeEach
    void demoPartnerAfterATimerRun() {
        CoverageState.clear(storage, missing);
        partnerCenter.reset();
        partnerCenter.seedDemo();
        DesiredStateFile.write(DesiredStateFile.manifest());
        // A subscription of no customer of the partner on west: unexpected, and its removal held on the first sight.
        arm.seed(west(), SUBSCRIPTION, TENANT);
        contosoSince = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.MILLIS);
        missing.open("east", CoverageFunctionTest.CONTOSO_SUBSCRIPTION, contosoSince, null);
        // ARM refuses every registration (the role lacks write): the missing stay missing after the run's writes.
        arm.inject(Fault.error("PUT", "/customerSubscriptions/", 403, "AuthorizationFailed", -1));
        given().contentType(ContentType.JSON).body(resource("/functions-custom-handler/timer-request.json"))
                .post("/driftCheck").then().statusCode(403);
    }

    private WebElement open() {
        chromium.requests();
        chromium.consoleErrors();
        chromium.driver().get(ui + "?code=" + KEY);
        chromium.waitUntil(d -> !d.findElements(By.cssSelector("#rows tr")).isEmpty()
                && !d.findElements(By.cssSelector("#runs tr")).isEmpty()
                && !d.findElements(By.cssSelector("#changes tr")).isEmpty(), Duration.ofSeconds(20));
        return chromium.driver().findElement(By.id("summary"));
    }

    @Test
    void theHeaderSaysWhatIsMissingSinceWhenAndWhatItCostsInWarningColourAndWords() {
        Map<String, Object> total = given().get("/coverage").then().statusCode(200).extract().path("total");
        WebElement summary = open();

        String text = summary.getText();
        assertTrue(text.startsWith("⚠ NOT IN SYNC"), text);
        assertTrue(text.contains(total.get("missing") + " missing"), text);
        assertTrue(text.contains("oldest missing since " + when(contosoSince)), text);
        assertTrue(text.contains(total.get("unbilledCustomerDays") + " unbilled customer-days"), text);
        assertTrue(summary.getAttribute("class").contains("warn"), summary.getAttribute("class"));
        String age = chromium.driver().findElement(By.id("age")).getText();
        assertTrue(age.contains("Partner Center generation 1"), age);
        assertTrue(chromium.driver().findElement(By.id("note")).getText().contains("never changes billing"));

        assertEquals(List.of(), chromium.consoleErrors(), "the page logs no error");
        URI app = URI.create(ui.toString());
        List<HeadlessChromium.Request> requests = chromium.requests();
        assertTrue(requests.size() >= 4, "the page, /coverage, /listChanges, /listDriftRuns: " + requests);
        for (HeadlessChromium.Request request : requests) {
            assertEquals("GET", request.method(), "the page only reads: " + request);
            if (request.url().getScheme().equals("data")) {
                continue; // the empty icon the page names itself
            }
            assertEquals(app.getAuthority(), request.url().getAuthority(), "the page asks only the app: " + request);
        }
        chromium.screenshot(Path.of("target", "coverage-page.png"));
    }

    @Test
    void aMissingCustomersRowShowsSinceWhenAndAHeldRemovalItsReason() {
        String held = given().get("/coverage?status=unexpected").then().statusCode(200).extract()
                .path("unexpected[0].held");
        open();

        WebElement contoso = row(CONTOSO);
        assertTrue(contoso.getText().startsWith("Contoso\n" + CONTOSO), contoso.getText());
        assertTrue(contoso.getText().contains("✗ missing since " + when(contosoSince) + " (12.0 d)"),
                contoso.getText());
        WebElement stranger = row(TENANT);
        assertTrue(stranger.getText().contains("‖ held: " + held + " · ! unexpected since"), stranger.getText());
        List<WebElement> runs = chromium.driver().findElements(By.cssSelector("#runs a"));
        assertTrue(runs.get(0).getAttribute("href").contains("driftRun?id=")
                && runs.get(0).getAttribute("href").endsWith("&code=" + KEY), runs.get(0).getAttribute("href"));
        given().get(URI.create(runs.get(0).getAttribute("href")).getRawPath() + "?"
                + URI.create(runs.get(0).getAttribute("href")).getRawQuery().replace("&code=" + KEY, ""))
                .then().statusCode(200).body("trigger", org.hamcrest.Matchers.equalTo("timer"));
    }

    @Test
    void theFilterNarrowsTheRowsAndTheSortPutsTheLongestMissingFirst() {
        open();
        int all = rows().size();
        WebElement filter = chromium.driver().findElement(By.id("filter"));
        filter.sendKeys(LITWARE.substring(0, 8));
        assertEquals(1, rows().size());
        assertTrue(rows().get(0).getText().contains(LITWARE), rows().get(0).getText());
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertEquals(all, rows().size());

        // With the keyboard: the sort is a button.
        WebElement sort = chromium.driver().findElement(By.id("sort"));
        sort.sendKeys(Keys.ENTER);
        assertTrue(rows().get(0).getText().contains(CONTOSO), "oldest missing first: " + rows().get(0).getText());
        assertEquals("ascending", chromium.driver().findElement(By.id("since-col")).getAttribute("aria-sort"));
        sort.sendKeys(Keys.ENTER);
        assertTrue(rows().get(0).getText().contains(LITWARE), "newest missing first: " + rows().get(0).getText());
        assertEquals(List.of(), chromium.consoleErrors());
    }

    @Test
    void thePageComesWithAPolicyThatAdmitsItsOwnScriptAndTheAppAlone() {
        given().get("/ui?code=" + KEY).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'sha256-"))
                .header("Referrer-Policy", "no-referrer")
                .body(org.hamcrest.Matchers.not(containsString("<script src")))
                .body(org.hamcrest.Matchers.not(containsString(KEY)));
    }

    private List<WebElement> rows() {
        return chromium.driver().findElements(By.cssSelector("#rows tr"));
    }

    private WebElement row(String tenant) {
        return rows().stream().filter(r -> r.getText().contains(tenant)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + tenant));
    }

    /** A time as the page writes it. */
    private static String when(Instant time) {
        return time.toString().replace('T', ' ').replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC");
    }

    private static String resource(String name) {
        try (InputStream in = CoveragePageTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
