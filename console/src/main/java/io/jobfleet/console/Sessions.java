package io.jobfleet.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory (a restart signs everyone out): a random id for the cookie and a
 * random CSRF token that every form posts back. A session unused for {@code idle} ends, and the
 * server ends one whose user the users file no longer holds with the same role and password.
 */
final class Sessions {
    /** {@code credential}: the password hash signed in with; a session outlives no change of it. */
    record Session(String id, Principal principal, String credential, String csrf, Instant lastUsed) {
        boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    Session open(Principal p, String credential) {
        Session s = new Session(randomId(), p, credential, randomId(), clock.instant());
        byId.put(s.id(), s);
        return s;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byId.values().removeIf(s -> s.lastUsed().plus(idle).isBefore(now));
        Session s = byId.computeIfPresent(id, (k, old) -> new Session(old.id(), old.principal(), old.credential(), old.csrf(),
                now));
        return Optional.ofNullable(s);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private String randomId() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
