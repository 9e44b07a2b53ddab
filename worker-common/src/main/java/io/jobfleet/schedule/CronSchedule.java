package io.jobfleet.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.jobfleet.config.ConfigException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A cron expression in a time zone, parsed by cron-utils: five fields as in Unix cron (minute,
 * hour, day of month, month, day of week) or six with seconds first. Slots are whole seconds;
 * daylight saving changes are resolved as cron-utils does (see docs/schedules.md).
 */
public final class CronSchedule {
    private static final CronParser UNIX = new CronParser(definition(false));
    private static final CronParser WITH_SECONDS = new CronParser(definition(true));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * Parses {@code expression} in time zone {@code zone} (an IANA name such as Europe/Paris, or
     * UTC); a {@link ConfigException} with a readable message when either is wrong.
     */
    public static CronSchedule parse(String expression, String zone) {
        ZoneId z;
        try {
            z = ZoneId.of(zone == null ? "" : zone.trim());
        } catch (DateTimeException e) {
            throw new ConfigException("unknown time zone '" + zone + "': use an IANA name such as UTC, "
                    + "Europe/Paris or America/New_York");
        }
        String trimmed = expression == null ? "" : expression.trim().replaceAll("\\s+", " ");
        int fields = trimmed.isEmpty() ? 0 : trimmed.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw new ConfigException("cron expression '" + expression + "' has " + fields + " field(s): give 5 "
                    + "(minute hour day-of-month month day-of-week, e.g. '0 3 * * *') or 6 with seconds first "
                    + "(e.g. '*/10 * * * * *')");
        }
        Cron cron;
        try {
            cron = (fields == 6 ? WITH_SECONDS : UNIX).parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cron expression '" + expression + "' is not valid: " + e.getMessage());
        }
        return new CronSchedule(trimmed, z, ExecutionTime.forCron(cron));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after {@code t}; empty when the expression never fires again. */
    public Optional<Instant> next(Instant t) {
        return times.nextExecution(atWholeSecond(t)).map(z -> z.toInstant());
    }

    /** The last slot strictly before {@code t}. */
    public Optional<Instant> previous(Instant t) {
        Instant whole = t.truncatedTo(ChronoUnit.SECONDS);
        return times.lastExecution(atWholeSecond(whole.equals(t) ? t : whole.plusSeconds(1))).map(z -> z.toInstant());
    }

    /** The last slot at or before {@code t}. */
    public Optional<Instant> latestAtOrBefore(Instant t) {
        return previous(t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }

    /** Slots are whole seconds: cron-utils keeps the fraction of the time it starts from. */
    private ZonedDateTime atWholeSecond(Instant t) {
        return ZonedDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone);
    }

    /**
     * cron-utils' Unix crontab definition (minute, hour, day of month, month, day of week with 0 or
     * 7 for Sunday; names such as MON and JAN), with a seconds field first when {@code seconds}.
     */
    private static CronDefinition definition(boolean seconds) {
        CronDefinitionBuilder b = CronDefinitionBuilder.defineCron();
        if (seconds) {
            b = b.withSeconds().withValidRange(0, 59).withStrictRange().and();
        }
        return b.withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
                    .withStrictRange().and()
                .instance();
    }
}
