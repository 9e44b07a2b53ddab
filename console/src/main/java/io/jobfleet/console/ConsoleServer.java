package io.jobfleet.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jobfleet.config.ConfigException;
import io.jobfleet.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (the JDK's): signs requests in (session cookie or bearer token; the
 * sign-in form is {@link SignIn}), refuses a cookie-signed POST without its CSRF token, sets the
 * security headers on every answer, and hands the request to its page or action.
 */
final class ConsoleServer {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    static final String COOKIE = "jobfleet_console";
    private static final int THREADS = 16;
    private static final Map<String, String[]> STATIC = Map.of(
            "console.css", new String[] {"io/jobfleet/console/static/console.css", "text/css; charset=utf-8"},
            "console.js", new String[] {"io/jobfleet/console/static/console.js", "text/javascript; charset=utf-8"},
            "htmx.min.js", new String[] {"META-INF/resources/webjars/htmx.org/" + Versions.HTMX + "/dist/htmx.min.js",
                    "text/javascript; charset=utf-8"},
            "uPlot.iife.min.js", new String[] {"META-INF/resources/webjars/uplot/" + Versions.UPLOT
                    + "/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "uPlot.min.css", new String[] {"META-INF/resources/webjars/uplot/" + Versions.UPLOT + "/dist/uPlot.min.css",
                    "text/css; charset=utf-8"});

    /** A page or an action. */
    interface Handler {
        Reply handle(Request r) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final UsersFile users;
    private final Sessions sessions;
    private final Cookies cookies;
    private final SignIn signIn;
    private final Map<String, String> flash = new ConcurrentHashMap<>();
    private final Pages pages;
    private final Actions actions;
    private final OverviewEvents events;

    private ConsoleServer(ConsoleConfig config, HttpServer server, Database db, Function<String, String> workerOfQueue,
                          Clock clock) {
        this.server = server;
        TrustedProxies proxies = new TrustedProxies(config.trustedProxies());
        this.cookies = new Cookies(config, proxies);
        this.users = new UsersFile(config.usersFile());
        this.sessions = new Sessions(config.sessionIdle(), clock);
        this.signIn = new SignIn(users, sessions, cookies, new SignInThrottle(clock), proxies);
        View view = new View(config);
        this.pages = new Pages(db, view, workerOfQueue);
        this.actions = new Actions(db);
        this.events = new OverviewEvents(db, config.refresh());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "jobfleet-console-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /** Binds and starts; a taken port fails with a message saying which flag changes it. */
    static ConsoleServer start(ConsoleConfig config, Database db, Function<String, String> workerOfQueue) {
        return start(config, db, workerOfQueue, Clock.systemUTC());
    }

    /** As {@link #start(ConsoleConfig, Database, Function)}, with sessions and sign-in locks on {@code clock}. */
    static ConsoleServer start(ConsoleConfig config, Database db, Function<String, String> workerOfQueue, Clock clock) {
        long readLimit = RequestReadLimit.apply(config.readTimeout());
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (BindException e) {
            throw new ConfigException("cannot serve the console on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is another console running?); choose another port with --http-port "
                    + "(env JOBFLEET_CONSOLE_HTTP_PORT) or address with --http-host");
        } catch (IOException e) {
            throw new ConfigException("cannot serve the console on " + config.host() + ":" + config.port() + ": " + e);
        }
        ConsoleServer s = new ConsoleServer(config, http, db, workerOfQueue, clock);
        http.start();
        log.info("console: a request not read in full within {} s is closed", readLimit);
        return s;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        events.stop();
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange ex) {
        try (ex) {
            Reply reply = route(ex);
            if (reply != null) {
                write(ex, reply);
            }
        } catch (IOException e) {
            log.debug("console request ended: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("console request {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
        }
    }

    private Reply route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET")) {
            return Reply.text(405, "only GET and POST\n");
        }
        if (path.startsWith("/static/") && !post) {
            return serveStatic(ex, path.substring("/static/".length()));
        }
        Map<String, String> form;
        try {
            form = post ? Request.readForm(ex) : Map.of();
        } catch (Request.TooLarge e) {
            return Reply.text(413, e.getMessage() + "\n");
        } catch (IllegalArgumentException e) {
            return Reply.text(400, e.getMessage() + "\n");
        }
        if (path.equals("/login")) {
            return post ? signIn.submit(ex, form) : signIn.page(ex);
        }
        Optional<Sessions.Session> session = Optional.empty();
        Principal principal = null;
        String token = bearerToken(ex);
        if (token != null) {
            Duration locked = signIn.addressLocked(ex);
            if (!locked.isZero()) {
                return Reply.text(429, "too many failed sign-ins or tokens from this address: try again in "
                        + SignIn.retryAfter(ex, locked) + "\n");
            }
            principal = signIn.bearer(ex, token).orElse(null);
        }
        if (principal == null) {
            session = sessions.find(Cookies.read(ex, COOKIE));
            if (session.isPresent() && !stillValid(session.get())) {
                sessions.close(session.get().id());
                flash.remove(session.get().id());
                sessionCookie(ex, "", 0);
                return post || path.startsWith("/events/") ? Reply.text(401, "your session ended: your role or "
                        + "password changed, or you were removed from the users file; sign in again\n")
                        : Reply.redirect("/login");
            }
            principal = session.map(Sessions.Session::principal).orElse(null);
        }
        if (principal == null) {
            return post || path.startsWith("/events/") ? Reply.text(401, "sign in first\n") : Reply.redirect("/login");
        }
        Request r = new Request(ex, form, principal, session.orElse(null));
        if (post && r.session != null && !r.session.csrfMatches(Optional.ofNullable(r.form.get("_csrf"))
                .orElse(ex.getRequestHeaders().getFirst("X-CSRF-Token")))) {
            return Reply.html(403, Html.page(r, "Refused", "<p>This form has no valid CSRF token: reload the page "
                    + "and try again.</p>", null));
        }
        try {
            if (post && path.equals("/logout")) {
                if (r.session != null) {
                    sessions.close(r.session.id());
                    flash.remove(r.session.id());
                }
                sessionCookie(ex, "", 0);
                return Reply.redirect("/login");
            }
            if (post && path.startsWith("/actions/")) {
                if (!principal.mayAct()) {
                    return Reply.html(403, Html.page(r, "Refused", "<p>Only an operator may act; you are a "
                            + principal.role().label() + ".</p>", null));
                }
                Actions.Done done = actions.run(path.substring("/actions/".length()), r);
                if (principal.token()) {
                    return Reply.text(done.status(), done.message() + "\n"); // a script reads what happened
                }
                if (r.session != null) {
                    flash.put(r.session.id(), done.message());
                }
                return Reply.redirect(done.next());
            }
            if (post) {
                return Reply.text(404, "no such action\n");
            }
            if (path.equals("/events/overview")) {
                events.stream(ex);
                return null;
            }
            String message = r.session == null ? null : flash.remove(r.session.id());
            return pages.get(r, message);
        } catch (IllegalArgumentException e) {
            return Reply.html(400, Html.page(r, "Not understood", "<p class=\"error\">" + Html.esc(e.getMessage())
                    + "</p>", null));
        } catch (Exception e) {
            Optional<String> db = DatabaseTrouble.reason(e);
            if (db.isPresent()) {
                log.warn("console {} {}: the database is busy or unreachable: {}", method, path, db.get());
                return Reply.html(503, Html.page(r, "Database unavailable", "<p class=\"error\" id=\"db-error\">"
                        + "The database is busy or unreachable: " + Html.esc(db.get()) + "</p><p>Try again in a "
                        + "moment. If it lasts, check that PostgreSQL is up and reachable, or give the console more "
                        + "connections with --db-pool-size.</p>", null));
            }
            log.warn("console {} {} failed", method, path, e);
            return Reply.html(500, Html.page(r, "Failed", "<p class=\"error\">" + Html.esc(e.getClass().getSimpleName()
                    + ": " + e.getMessage()) + "</p>", null));
        }
    }

    /** The users file (read again when it changed) still holds the session's user with its role and password. */
    private boolean stillValid(Sessions.Session s) {
        return users.person(s.principal().name())
                .filter(e -> e.role() == s.principal().role() && e.hash().equals(s.credential()))
                .isPresent();
    }

    /** The token of an {@code Authorization: Bearer} header; null without one. */
    private static String bearerToken(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return auth.substring(7).strip();
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS ({@link Cookies}). */
    private void sessionCookie(HttpExchange ex, String value, int maxAge) {
        cookies.set(ex, COOKIE, value, "/", maxAge);
    }

    private static Reply serveStatic(HttpExchange ex, String name) throws IOException {
        String[] entry = STATIC.get(name);
        if (entry == null) {
            return Reply.text(404, "not found\n");
        }
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(entry[0])) {
            if (in == null) {
                return Reply.text(404, "not found\n");
            }
            byte[] body = in.readAllBytes();
            headers(ex, entry[1]);
            ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            return null;
        }
    }

    static void headers(HttpExchange ex, String contentType) {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Content-Security-Policy", Html.CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
    }

    private static void write(HttpExchange ex, Reply r) throws IOException {
        headers(ex, r.contentType());
        if (r.location() != null) {
            ex.getResponseHeaders().set("Location", r.location());
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
