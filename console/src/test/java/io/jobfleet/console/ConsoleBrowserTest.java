package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.AuditSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's clicks in a real headless Chromium against the console, a real worker and a real
 * PostgreSQL: every action is checked in the jobs table and in the audit table.
 */
class ConsoleBrowserTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static final String QUEUE = "web";

    static ConsoleFixture console;
    static TestWorkers workers;
    static ChromeDriver browser;
    /** Jobs of kind web.flaky fail permanently on their first run only, so a retry completes them. */
    static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        console = new ConsoleFixture(DB, false);
        workers = new TestWorkers();
        workers.start(DB.db(), TestWorkers.config(QUEUE),
                TestHandler.json("web.ok", (p, ctx) -> JobOutcome.done(Map.of("ok", true))),
                TestHandler.json("web.flaky", (p, ctx) -> {
                    if (failedOnce.add(p.path("n").asText())) {
                        throw new PermanentJobException("bad_input", "user " + p.path("user_id").asText()
                                + " has no account");
                    }
                    return JobOutcome.done(Map.of("ok", true));
                }),
                TestHandler.json("web.broken", (p, ctx) -> {
                    throw new PermanentJobException("bad_input", "user " + p.path("user_id").asText()
                            + " has no account");
                }));
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (workers != null) {
            workers.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void anOperatorWatchesFiltersRetriesPausesAndBulkRetries() {
        JobsTable jobs = new JobsTable(DB);
        signIn(ConsoleFixture.OPERATOR);

        // live counts: the overview's numbers change while jobs run, without a reload
        browser.get(console.base() + "/");
        browser.executeScript("window.notReloaded = true;");
        List<Long> ok = List.of(jobs.enqueue(QUEUE, "web.ok", "{}"), jobs.enqueue(QUEUE, "web.ok", "{}"),
                jobs.enqueue(QUEUE, "web.ok", "{}"));
        ok.forEach(jobs::awaitFinished);
        wait(Duration.ofSeconds(15)).until(d -> "3".equals(cell("web/web.ok", "completed")));
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#chart .uplot"))).isNotEmpty();
        Chromium.screenshot(browser, "overview");

        // filter to the failed job and read its error
        long flaky = jobs.enqueue(NewJob.of(QUEUE, "web.flaky", "{\"n\": \"1\", \"user_id\": \"u-7\"}"));
        assertThat(jobs.awaitFinished(flaky).status()).isEqualTo("failed");
        browser.get(console.base() + "/jobs");
        new Select(browser.findElement(By.id("f-status"))).selectByVisibleText("failed");
        browser.findElement(By.id("f-payload")).sendKeys("payload.user_id = u-7");
        browser.findElement(By.id("apply")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#jobs a.job-link")).size() == 1);
        Chromium.screenshot(browser, "jobs");
        browser.findElement(By.cssSelector("#jobs a.job-link")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("last-error")).isEmpty());
        assertThat(browser.findElement(By.id("last-error")).getText()).isEqualTo("user u-7 has no account");
        assertThat(browser.findElement(By.cssSelector("#attempts .error-class")).getText()).isEqualTo("bad_input");
        Chromium.screenshot(browser, "job");

        // retry it: the confirmation says how many jobs, the job runs again and completes
        browser.findElement(By.id("retry")).click();
        assertThat(browser.findElement(By.id("touches")).getText()).isEqualTo("1");
        Chromium.screenshot(browser, "confirm");
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).contains("pending again");
        assertThat(jobs.awaitFinished(flaky).status()).isEqualTo("completed");
        assertThat(lastAudit()).satisfies(a -> {
            assertThat(a.actor()).isEqualTo(ConsoleFixture.OPERATOR);
            assertThat(a.action()).isEqualTo("retry");
            assertThat(a.target()).isEqualTo("job " + flaky);
            assertThat(a.jobs()).isEqualTo(1);
        });

        // pause and resume the queue
        browser.get(console.base() + "/");
        browser.findElement(By.id("pause-" + QUEUE)).click();
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.id("state-" + QUEUE)).getText()).startsWith("paused by olivia");
        assertThat(DB.db().admin().flow().pauses(QUEUE)).singleElement()
                .satisfies(p -> assertThat(p.pausedBy()).isEqualTo(ConsoleFixture.OPERATOR));
        assertThat(lastAudit().action()).isEqualTo("pause");
        browser.findElement(By.id("resume-" + QUEUE)).click();
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.id("state-" + QUEUE)).getText()).isEqualTo("running");
        assertThat(DB.db().admin().flow().pauses(QUEUE)).isEmpty();
        assertThat(lastAudit().action()).isEqualTo("resume");

        // bulk-retry a filter: every failed web.flaky job
        List<Long> failed = List.of(
                jobs.enqueue(NewJob.of(QUEUE, "web.flaky", "{\"n\": \"b1\", \"user_id\": \"u-8\"}")),
                jobs.enqueue(NewJob.of(QUEUE, "web.flaky", "{\"n\": \"b2\", \"user_id\": \"u-8\"}")),
                jobs.enqueue(NewJob.of(QUEUE, "web.flaky", "{\"n\": \"b3\", \"user_id\": \"u-9\"}")));
        failed.forEach(id -> assertThat(jobs.awaitFinished(id).status()).isEqualTo("failed"));
        browser.get(console.base() + "/jobs?status=failed&kind=web.flaky&error_class=bad_input");
        browser.findElement(By.id("bulk-retry")).click();
        assertThat(browser.findElement(By.id("touches")).getText()).isEqualTo("3");
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).contains("3 retried");
        failed.forEach(id -> assertThat(jobs.awaitFinished(id).status()).isEqualTo("completed"));
        AuditSql.Entry bulk = lastAudit();
        assertThat(bulk.action()).isEqualTo("bulk-retry");
        assertThat(bulk.jobs()).isEqualTo(3);
        assertThat(bulk.filterJson()).contains("\"kind\": \"web.flaky\"").contains("\"error_class\": \"bad_input\"");
        browser.get(console.base() + "/audit");
        Chromium.screenshot(browser, "audit");

        // a POST without the CSRF token is refused, from the browser too
        assertThat(postFromPage("/actions/retry", "id=" + flaky)).isEqualTo(403);
    }

    @Test
    void aViewerSeesNoActionAndIsRefused() {
        JobsTable jobs = new JobsTable(DB);
        long flaky = jobs.enqueue(NewJob.of(QUEUE, "web.broken", "{\"user_id\": \"u-5\"}"));
        assertThat(jobs.awaitFinished(flaky).status()).isEqualTo("failed");
        long audited = DB.db().admin().audit().recent(1000).size();
        signIn(ConsoleFixture.VIEWER);

        browser.get(console.base() + "/jobs/" + flaky);
        assertThat(browser.findElement(By.id("last-error")).getText()).isEqualTo("user u-5 has no account");
        assertThat(browser.findElements(By.id("retry"))).isEmpty();
        assertThat(browser.findElements(By.id("payload-hidden"))).hasSize(1);
        browser.get(console.base() + "/");
        assertThat(browser.findElements(By.id("pause-" + QUEUE))).isEmpty();
        browser.get(console.base() + "/jobs/" + flaky);
        String csrf = browser.findElement(By.name("_csrf")).getDomAttribute("value");
        assertThat(postFromPage("/actions/retry", "id=" + flaky + "&_csrf=" + csrf)).isEqualTo(403);
        assertThat(jobs.get(flaky).status()).isEqualTo("failed");
        assertThat(DB.db().admin().audit().recent(1000)).hasSize((int) audited);

        // the worker of this test, from the registry it keeps
        browser.get(console.base() + "/workers");
        List<WebElement> row = browser.findElements(By.cssSelector("#workers tbody tr td"));
        assertThat(row.stream().map(WebElement::getText)).contains(QUEUE, "live",
                Long.toString(ProcessHandle.current().pid()));
        Chromium.screenshot(browser, "workers");
    }

    private static void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(console.base() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("who")).isEmpty());
        assertThat(browser.findElement(By.id("who")).getText()).startsWith(user);
    }

    /** One overview cell, read in one script call: the live updates replace the rows at any moment. */
    private static String cell(String key, String field) {
        return (String) browser.executeScript("var td = document.querySelector('#overview tr[data-key=\"' + arguments[0]"
                + " + '\"] td[data-f=\"' + arguments[1] + '\"]'); return td ? td.textContent : null;", key, field);
    }

    /** The status of a POST sent by the page's own script (same origin, with the session cookie). */
    private static long postFromPage(String path, String form) {
        Object status = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', redirect: 'manual', headers: {'Content-Type': "
                + "'application/x-www-form-urlencoded'}, body: arguments[1]}).then(r => done(r.status));", path, form);
        return ((Number) status).longValue();
    }

    private static AuditSql.Entry lastAudit() {
        return DB.db().admin().audit().recent(1).get(0).entry();
    }

    private static WebDriverWait wait(Duration d) {
        return new WebDriverWait(browser, d);
    }
}
