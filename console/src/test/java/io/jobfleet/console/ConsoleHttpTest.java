package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console over real HTTP: sign-in, roles, CSRF, escaping, masking and headers. */
class ConsoleHttpTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static ConsoleFixture console;
    JobsTable jobs;

    @BeforeAll
    static void start() {
        console = new ConsoleFixture(DB, false);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM \"" + DB.config().schema() + "\".audit"));
        jobs = new JobsTable(DB);
    }

    /** A browser-like client: keeps its cookies, does not follow redirects. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(console.base() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(console.base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        Browser signIn(String user) throws Exception {
            HttpResponse<String> r = signIn(user, ConsoleFixture.PASSWORD);
            assertThat(r.statusCode()).isEqualTo(303);
            return this;
        }

        /** Opens the sign-in page, as a person does, and posts its form. */
        HttpResponse<String> signIn(String user, String password) throws Exception {
            String token = ConsoleFixture.signinToken(get("/login").body());
            return post("/login", ConsoleFixture.signInForm(user, password, token));
        }

        String csrf(String path) throws Exception {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
            assertThat(m.find()).as("a CSRF field on " + path).isTrue();
            return m.group(1);
        }
    }

    @Test
    void pagesNeedSignInAndAWrongPasswordIsRefused() throws Exception {
        Browser b = new Browser();
        assertThat(b.get("/jobs").statusCode()).isEqualTo(303);
        assertThat(b.get("/jobs").headers().firstValue("Location")).contains("/login");
        assertThat(b.post("/actions/retry", "id=1").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = b.signIn("olivia", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong name or password");
        assertThat(b.signIn("nobody", "x").statusCode()).isEqualTo(401);
    }

    @Test
    void theCookiesAreHttpOnlyStrictAndSecureOnlyBehindATrustedProxy() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (boolean tls : new boolean[] {false, true}) {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(console.base() + "/login")).GET();
            if (tls) {
                get.header("X-Forwarded-Proto", "https");
            }
            HttpResponse<String> page = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            String token = ConsoleFixture.signinToken(page.body());
            assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).as("the sign-in form's cookie")
                    .startsWith(SignIn.COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict; Max-Age=1800")
                    .matches(tls ? ".*; Secure$" : "(?!.*Secure).*");
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(console.base() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", SignIn.COOKIE + "=" + token)
                    .POST(HttpRequest.BodyPublishers.ofString(ConsoleFixture.signInForm(ConsoleFixture.OPERATOR,
                            ConsoleFixture.PASSWORD, token)));
            if (tls) {
                post.header("X-Forwarded-Proto", "https");
            }
            HttpResponse<String> signedIn = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            String session = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(ConsoleServer.COOKIE + "=")).findFirst().orElseThrow();
            assertThat(session).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(session.endsWith("; Secure")).as(session).isEqualTo(tls);
            assertThat(signedIn.headers().allValues("Set-Cookie")).as("the spent sign-in token is deleted")
                    .anyMatch(c -> c.startsWith(SignIn.COOKIE + "=; Path=/login;") && c.contains("Max-Age=0"));
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        long id = failedJob("boom");
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        assertThat(b.post("/actions/retry", "id=" + id).statusCode()).isEqualTo(403);
        assertThat(b.post("/actions/retry", "id=" + id + "&_csrf=forged").statusCode()).isEqualTo(403);
        assertThat(jobs.get(id).status()).isEqualTo("failed");
        assertThat(auditCount()).isZero();

        String csrf = b.csrf("/confirm?action=retry&id=" + id);
        assertThat(b.post("/actions/retry", "id=" + id + "&_csrf=" + csrf).statusCode()).isEqualTo(303);
        assertThat(jobs.get(id).status()).isEqualTo("pending");
        assertThat(auditCount()).isEqualTo(1);
    }

    @Test
    void aViewerHasNoActionButtonsNoPayloadAndIsRefusedWith403() throws Exception {
        long id = failedJob("boom");
        Browser b = new Browser().signIn(ConsoleFixture.VIEWER);
        String page = b.get("/jobs/" + id).body();
        assertThat(page).doesNotContain("id=\"retry\"").contains("hidden from viewers").doesNotContain("u-7");
        String csrf = b.csrf("/jobs/" + id);
        assertThat(b.post("/actions/retry", "id=" + id + "&_csrf=" + csrf).statusCode()).isEqualTo(403);
        assertThat(b.get("/confirm?action=retry&id=" + id).statusCode()).isEqualTo(403);
        assertThat(jobs.get(id).status()).isEqualTo("failed");
        assertThat(auditCount()).isZero();
    }

    @Test
    void hostileTextIsEscapedAndSecretFieldsAreMasked() throws Exception {
        long id = jobs.enqueue(NewJob.of("q", "k<script>", "{\"user_id\":\"u-7\",\"password\":\"hunter2\","
                + "\"note\":\"<img src=x onerror=alert(1)>\",\"nested\":{\"api_key\":\"sk-123\"}}"));
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET status = 'failed', last_error = "
                + "'<script>alert(1)</script>', errors = '[{\"attempt\":1,\"class\":\"<b>x</b>\",\"message\":\"m\"}]' "
                + "WHERE id = " + id));
        String page = new Browser().signIn(ConsoleFixture.OPERATOR).get("/jobs/" + id).body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>x</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("u-7")
                .doesNotContain("hunter2").doesNotContain("sk-123").contains(View.MASK);
    }

    @Test
    void theJobsListFiltersByPayloadFieldAndErrorClassAndPagesByKeyset() throws Exception {
        for (int i = 0; i < 60; i++) {
            jobs.enqueue("q", "k", "{\"user_id\":\"u-" + (i % 2) + "\"}");
        }
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        String page = b.get("/jobs?payload=payload.user_id+%3D+u-1").body();
        assertThat(Pattern.compile("class=\"job-link\"").matcher(page).results().count()).isEqualTo(30);
        String first = b.get("/jobs").body();
        assertThat(Pattern.compile("class=\"job-link\"").matcher(first).results().count()).isEqualTo(JobsPage.PAGE);
        assertThat(first).contains("id=\"older\"");
        Matcher older = Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(first);
        assertThat(older.find()).isTrue();
        String second = b.get(older.group(1).replace("&amp;", "&")).body();
        assertThat(Pattern.compile("class=\"job-link\"").matcher(second).results().count()).isEqualTo(10);
        assertThat(b.get("/jobs?payload=password+%3D+x").statusCode()).isEqualTo(400);
        assertThat(b.get("/jobs?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void aPayloadFilterMatchesScalarFieldsOnlyNeverAnObjectsTextWithItsSecrets() throws Exception {
        long id = jobs.enqueue("q", "k", "{\"profile\":{\"api_key\":\"sk-1\",\"name\":\"x\"},\"n\":5,\"ok\":true,"
                + "\"tags\":[\"a\"]}");
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        for (String probe : new String[] {"{\"name\": \"x\", \"api_key\": \"sk-1\"}", "{\"api_key\":\"sk-1\",\"name\":\"x\"}"}) {
            String page = b.get("/jobs?payload=" + Html.url("payload.profile = " + probe)).body();
            assertThat(Pattern.compile("class=\"job-link\"").matcher(page).results().count()).as(probe).isZero();
        }
        assertThat(b.get("/jobs?payload=" + Html.url("payload.tags = [\"a\"]")).body()).doesNotContain("class=\"job-link\"");
        assertThat(b.get("/jobs?payload=" + Html.url("payload.n = 5")).body()).contains("href=\"/jobs/" + id + "\"");
        assertThat(b.get("/jobs?payload=" + Html.url("payload.ok = true")).body()).contains("href=\"/jobs/" + id + "\"");
        HttpResponse<String> secret = b.get("/jobs?payload=" + Html.url("payload.API_KEY = sk-1"));
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(secret.body()).contains("is secret");
    }

    @Test
    void aViewerWhoSeesNoPayloadsCannotFilterOnThem() throws Exception {
        jobs.enqueue("q", "k", "{\"user_id\":\"u-1\"}");
        Browser b = new Browser().signIn(ConsoleFixture.VIEWER);
        HttpResponse<String> r = b.get("/jobs?payload=" + Html.url("payload.user_id = u-1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("you may not filter on payload fields").contains("--viewer-payloads")
                .doesNotContain("class=\"job-link\"");
        assertThat(b.get("/jobs").body()).contains("id=\"f-queue\"").doesNotContain("id=\"f-payload\"");
    }

    @Test
    void queueNamesAreTakenExactlySoPausingAiWithASpacePausesOnlyThatQueue() throws Exception {
        long spaced = jobs.enqueue(NewJob.of("ai ", "k", "{}"));
        long plain = jobs.enqueue(NewJob.of("ai", "k", "{}"));
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        try {
            String confirm = b.get("/confirm?action=pause&queue=ai+").body();
            assertThat(confirm).contains("Pause queue &quot;ai &quot;?").contains("<strong id=\"touches\">1</strong>")
                    .contains("name=\"queue\" value=\"ai \"");
            String csrf = b.csrf("/confirm?action=pause&queue=ai+");
            assertThat(b.post("/actions/pause", "queue=ai+&_csrf=" + csrf).statusCode()).isEqualTo(303);
            assertThat(DB.db().admin().flow().pauses(null)).extracting(p -> p.queue()).containsExactly("ai ");
            assertThat(DB.db().admin().audit().recent(1).get(0).entry().target()).isEqualTo("queue \"ai \"");
            assertThat(b.get("/").body()).contains("ai␠").contains("title=\"&quot;ai &quot;\"");

            String list = b.get("/jobs?queue=ai+").body();
            assertThat(list).contains("href=\"/jobs/" + spaced + "\"").doesNotContain("href=\"/jobs/" + plain + "\"")
                    .contains("id=\"f-queue\" value=\"ai \"");
        } finally {
            DB.db().admin().flow().resume("ai ", null);
            DB.db().admin().flow().resume("ai", null);
        }
    }

    @Test
    void aBadPercentEscapeIsA400SayingSoNotA413() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.post("/login", "username=%zz&password=x");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.body()).contains("not URL-encoded").contains("%25");
        assertThat(b.post("/login", "username=" + "x".repeat(Request.MAX_FORM_BYTES)).statusCode()).isEqualTo(413);
    }

    @Test
    void aJobWithHugeErrorsGivesAPageOfBoundedSizeAndListsCutLongNames() throws Exception {
        String kind = "k".repeat(500);
        long id = jobs.enqueue(NewJob.of("q", kind, "{}"));
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET status = 'failed', "
                + "last_error = repeat('e', 8 * 1024 * 1024), errors = (SELECT jsonb_agg(jsonb_build_object('attempt', g, "
                + "'at', now(), 'worker', 'w1', 'class', 'c', 'message', CASE WHEN g = 20000 THEN repeat('m', 1000000) "
                + "ELSE repeat('m', 100) END)) FROM generate_series(1, 20000) g) WHERE id = " + id));
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        String page = b.get("/jobs/" + id).body();
        assertThat(page.length()).isLessThan(200_000);
        assertThat(page).contains("id=\"older-attempts\">19,950 older attempts not shown")
                .contains("(8,384,512 more characters not shown)").contains("(997,952 more characters not shown)")
                .contains(kind);
        String list = b.get("/jobs").body();
        assertThat(list.length()).isLessThan(20_000);
        assertThat(list).contains("k".repeat(Html.LIST_NAME_MAX) + "…").doesNotContain("k".repeat(Html.LIST_NAME_MAX + 1) + "<")
                .contains("title=\"" + kind + "\"");
    }

    @Test
    void aBearerTokenActsWithoutACookieAndIsAudited() throws Exception {
        long id = failedJob("boom");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(console.base() + "/actions/retry"))
                .header("Authorization", "Bearer " + console.token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("id=" + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Job " + id + ": pending again, attempts reset.\n");
        assertThat(jobs.get(id).status()).isEqualTo("pending");
        assertThat(DB.db().admin().audit().recent(1).get(0).entry().actor()).isEqualTo("token:deploy-script");
        HttpResponse<String> again = tokenPost("/actions/retry", "id=" + id);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("Job " + id + ": not failed or cancelled: nothing done.\n");
        HttpResponse<String> missing = tokenPost("/actions/cancel", "id=987654321");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Job 987654321: does not exist.\n");
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(console.base() + "/jobs")).header("Authorization", "Bearer jft_wrong").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(303);
    }

    private HttpResponse<String> tokenPost(String path, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console.base() + path))
                .header("Authorization", "Bearer " + console.token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void traceLinkAndProgressShowWhenTheJobHasThem() throws Exception {
        long id = failedJob("boom");
        Browser b = new Browser().signIn(ConsoleFixture.OPERATOR);
        assertThat(b.get("/jobs/" + id).body()).doesNotContain("id=\"trace\"").doesNotContain("id=\"progress\"");

        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET traceparent = '00-" + trace
                + "-00f067aa0ba902b7-01', progress = '{\"done\": 3, \"total\": 7}' WHERE id = " + id));
        String page = b.get("/jobs/" + id).body();
        assertThat(page).contains("href=\"https://traces.example/t/" + trace + "\"").contains("&quot;done&quot; : 3");
    }

    @Test
    void diagnoseSchedulesWorkersAndAuditPagesRender() throws Exception {
        failedJob("boom");
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO \"" + DB.config().schema() + "\".schedules (name, cron, "
                + "queue, kind, next_run) VALUES ('nightly', '0 3 * * *', 'q', 'k<x>', now() + interval '1 hour')"));
        Browser b = new Browser().signIn(ConsoleFixture.VIEWER);

        assertThat(b.get("/diagnose").body()).contains("id=\"findings\"").contains("bad_input");
        assertThat(b.get("/schedules").body()).contains("k&lt;x&gt;").contains("nightly").contains("0 3 * * *");
        assertThat(b.get("/workers").body()).contains("id=\"workers\"");
        DB.db().admin().flow().setLimit("q", null, 4, "olivia");
        DB.db().admin().flow().setKeyRule("q", "k", 1, true, "user_id", "olivia");
        DB.db().admin().flow().setRateLimit(io.jobfleet.db.FlowControlSql.claimBucket("q", null), 5, 1, 5, "olivia");
        assertThat(b.get("/").body()).contains("queue ≤ 4 running").contains("k ≤ 1 per payload.user_id, in order")
                .contains("queue:q: 5 per 1 s (burst 5)");
        assertThat(b.get("/audit").body()).contains("id=\"audit\"");
        assertThat(b.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(b.get("/jobs/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void theStaticScriptsComeFromTheWebjars() throws Exception {
        Browser b = new Browser();
        assertThat(b.get("/static/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(b.get("/static/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(b.get("/static/console.js").statusCode()).isEqualTo(200);
        assertThat(b.get("/static/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void aTakenPortFailsWithAMessageNamingTheFlag() {
        ConsoleConfig taken = new ConsoleConfig("127.0.0.1", console.server.port(), console.users, false, Set.of(),
                false, Set.of(), null, Duration.ofHours(1), Duration.ofSeconds(2), ConsoleFixture.READ_TIMEOUT);
        assertThatThrownBy(() -> ConsoleServer.start(taken, DB.db(), q -> q))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--http-port");
    }

    private long failedJob(String error) {
        long id = jobs.enqueue(NewJob.of("q", "k", "{\"user_id\":\"u-7\"}"));
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET status = 'failed', attempts = 3, "
                + "completed_at = now(), last_error = '" + error + "', errors = '[{\"attempt\":3,\"class\":\"bad_input\","
                + "\"message\":\"" + error + "\",\"worker\":\"w1\"}]' WHERE id = " + id));
        return id;
    }

    private long auditCount() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM \"" + DB.config().schema()
                + "\".audit").mapTo(Long.class).one());
    }
}
