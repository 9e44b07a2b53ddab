package io.jobfleet.console;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound on reading one request (its headers and body, counted from when the connection's
 * request starts, time queued behind busy threads included): past it the JDK's HTTP server closes
 * the connection, so a client that sends {@code Content-Length: 100} and never the body cannot
 * hold a server thread for ever. The JDK reads {@value #PROPERTY} (whole seconds) once, when its
 * server classes load, so this sets it before the console creates its server, and only when the
 * user did not set it. The server's response time is left unbounded: it would cut the live
 * overview streams.
 */
final class RequestReadLimit {
    private static final Logger log = LoggerFactory.getLogger(RequestReadLimit.class);
    static final String PROPERTY = "sun.net.httpserver.maxReqTime";

    private RequestReadLimit() {
    }

    /** Sets the limit unless already set; returns the seconds in effect (-1: unbounded). */
    static synchronized long apply(Duration limit) {
        long seconds = seconds(limit);
        String set = System.getProperty(PROPERTY);
        if (set == null) {
            System.setProperty(PROPERTY, Long.toString(seconds));
            return seconds;
        }
        try {
            long given = Long.parseLong(set.strip());
            if (given != seconds) {
                log.info("console: -D{}={} set by the user wins over --read-timeout {}s", PROPERTY, given, seconds);
            }
            return given;
        } catch (NumberFormatException e) {
            log.warn("console: -D{}={} is not a number of seconds: the JDK ignores it", PROPERTY, set);
            return -1;
        }
    }

    /** Whole seconds, rounded up, at least 1. */
    static long seconds(Duration limit) {
        long s = limit.toSeconds() + (limit.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
