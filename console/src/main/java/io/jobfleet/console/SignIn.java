package io.jobfleet.console;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sign-in page and its form. The form carries a random token that must equal the cookie
 * {@value #COOKIE} sent with it (a double submit): another site can neither read the field nor
 * make the browser send the cookie ({@code SameSite=Strict}), so it cannot sign a visitor into an
 * account of its choosing. Nothing is kept on the server. The page keeps the token the browser
 * already holds (the browser also lands here when it fetches, say, /favicon.ico unsigned, and two
 * tabs share the cookie); a refused form gets a new one, a sign-in deletes it.
 *
 * <p>Guessing is slowed by {@link SignInThrottle}, per client address and per user name: while
 * either is locked, the password is not checked at all (no bcrypt work) and the answer is 429
 * with {@code Retry-After}, whether the name exists or not. A bearer token that matches none is a
 * failure of its address, and a request with a token from a locked address is refused the same way.
 */
final class SignIn {
    static final String COOKIE = "jobfleet_signin";
    static final String FIELD = "_signin";
    /** How long a sign-in form stays usable (the cookie's Max-Age). */
    static final Duration FORM_LIFETIME = Duration.ofMinutes(30);
    static final String EXPIRED = "This sign-in form expired or came from another site: sign in again.";
    static final String WRONG = "Wrong name or password.";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();
    private final UsersFile users;
    private final Sessions sessions;
    private final Cookies cookies;
    private final SignInThrottle throttle;
    private final TrustedProxies proxies;

    SignIn(UsersFile users, Sessions sessions, Cookies cookies, SignInThrottle throttle, TrustedProxies proxies) {
        this.proxies = proxies;
        this.users = users;
        this.sessions = sessions;
        this.cookies = cookies;
        this.throttle = throttle;
    }

    /** GET /login. */
    Reply page(HttpExchange ex) {
        return page(ex, 200, null, Cookies.read(ex, COOKIE));
    }

    /** POST /login: a session and its cookie for the right password of a user, else the form again. */
    Reply submit(HttpExchange ex, Map<String, String> form) {
        String token = Cookies.read(ex, COOKIE);
        if (!sameToken(token, form.get(FIELD))) {
            return page(ex, 403, EXPIRED, null);
        }
        String name = form.getOrDefault("username", "");
        String[] keys = {address(ex), SignInThrottle.user(name)};
        Duration locked = throttle.attempt(keys);
        if (!locked.isZero()) {
            return page(ex, 429, "Too many failed sign-ins: try again in " + retryAfter(ex, locked) + ".", token);
        }
        Optional<UsersFile.Entry> e = users.signIn(name, form.getOrDefault("password", ""));
        if (e.isEmpty()) {
            throttle.failed(keys);
            return page(ex, 401, WRONG, token);
        }
        throttle.succeeded(keys);
        Sessions.Session s = sessions.open(e.get().principal(), e.get().hash());
        cookies.set(ex, ConsoleServer.COOKIE, s.id(), "/", -1);
        cookies.set(ex, COOKIE, "", "/login", 0);
        return Reply.redirect("/");
    }

    /** How long the client's address stays locked, zero when it is not: a bearer token from it is not even checked. */
    Duration addressLocked(HttpExchange ex) {
        return throttle.lockedFor(address(ex));
    }

    /** The script whose bearer token this is; a token that matches none is a failure of the client's address. */
    Optional<Principal> bearer(HttpExchange ex, String token) {
        Optional<Principal> p = users.bearer(token);
        if (p.isEmpty()) {
            throttle.failedNow(address(ex));
        }
        return p;
    }

    /** Sets {@code Retry-After} (whole seconds, rounded up) and says how long: "3 seconds". */
    static String retryAfter(HttpExchange ex, Duration locked) {
        long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
        ex.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    /** The form with {@code token} (a new one unless it is one this class makes), and the cookie holding it. */
    private Reply page(HttpExchange ex, int status, String error, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        cookies.set(ex, COOKIE, token, "/login", (int) FORM_LIFETIME.toSeconds());
        return Reply.html(status, Pages.login(error, token));
    }

    private String address(HttpExchange ex) {
        return SignInThrottle.address(proxies.client(ex));
    }

    private static boolean sameToken(String cookie, String field) {
        return cookie != null && field != null && !cookie.isEmpty()
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }
}
