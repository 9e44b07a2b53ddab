package io.jobfleet.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the operator tools print durations, rates and times for people. */
final class HumanFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private HumanFormat() {
    }

    /** 350ms, 4.2s, 12m03s, 3h12m, 2d04h; "-" for null. */
    static String seconds(Double s) {
        if (s == null) {
            return "-";
        }
        if (s < 1) {
            return Math.round(s * 1000) + "ms";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        long t = Math.round(s);
        if (t < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        if (t < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", t / 86_400, t % 86_400 / 3600);
    }

    /** A configured duration as one would type it: 15m, 24h, 7d, 90s; else like {@link #seconds}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0 || s == 0) {
            return seconds(d.toMillis() / 1000.0);
        }
        if (s % 86_400 == 0 && s >= 2 * 86_400) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    static String percent(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String rate(double perMinute) {
        return String.format(Locale.ROOT, "%.1f", perMinute);
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "1 job", "3 jobs". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
