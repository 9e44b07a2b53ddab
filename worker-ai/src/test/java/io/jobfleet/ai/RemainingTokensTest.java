package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.budget;
import static io.jobfleet.ai.AiTesting.spent;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ai_remaining_tokens} and {@code ai_token_quota}: budget rows, the default, unlimited, the month. */
class RemainingTokensTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @BeforeAll
    static void tables() {
        FamilyWorkers.migrateAppTables(DB, new AiFamily());
    }

    @Test
    void withoutBudgetRowTheDefaultAppliesAndNullMeansUnlimited() {
        spent(DB, "plain", 300, Instant.now());
        assertThat(remaining("plain", null)).isNull();
        assertThat(remaining("plain", 1000L)).isEqualTo(700);
        assertThat(remaining("nobody", 1000L)).isEqualTo(1000);
        Long withoutDefault = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT "
                + AiTesting.function(DB, "ai_remaining_tokens") + "('nobody')")
                .mapTo(Long.class).one());
        assertThat(withoutDefault).as("the default limit is optional").isNull();
    }

    @Test
    void aBudgetRowWinsOverTheDefault() {
        budget(DB, "gold", 5000L);
        budget(DB, "blocked", 0L);
        budget(DB, "vip", null);
        spent(DB, "gold", 1200, Instant.now());
        spent(DB, "vip", 1_000_000, Instant.now());
        assertThat(remaining("gold", 1000L)).isEqualTo(3800);
        assertThat(remaining("gold", null)).isEqualTo(3800);
        assertThat(remaining("blocked", null)).isZero();
        assertThat(remaining("vip", 1000L)).as("a NULL budget row is unlimited whatever the default").isNull();
    }

    @Test
    void anOvershotBudgetHasNothingLeftButReportsWhatWasUsed() {
        budget(DB, "over", 1000L);
        spent(DB, "over", 700, Instant.now());
        spent(DB, "over", 700, Instant.now());
        assertThat(remaining("over", null)).isZero();
        Map<String, Object> quota = quota("over", null, null);
        assertThat(quota).containsEntry("monthly_limit", 1000L).containsEntry("used_tokens", 1400L)
                .containsEntry("remaining_tokens", 0L);
    }

    @Test
    void onlyThisCalendarMonthInUtcCounts() {
        budget(DB, "monthly", 10_000L);
        DB.db().jdbi().useTransaction(h -> {
            // one transaction: now() is the same instant for the inserts and the check
            h.execute("INSERT INTO " + AiTesting.ledger(DB)
                    + " (job_id, user_id, model, prompt_tokens, completion_tokens, "
                    + "total_tokens, created_at) VALUES "
                    + "(-1, 'monthly', 'm', 0, 100, 100, date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), "
                    + "(-2, 'monthly', 'm', 0, 5000, 5000, "
                    + "(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') - interval '1 microsecond'), "
                    + "(-3, 'monthly', 'm', 0, 20, 20, now())");
            Long left = h.createQuery("SELECT " + AiTesting.function(DB, "ai_remaining_tokens") + "('monthly')")
                    .mapTo(Long.class).one();
            assertThat(left).as("the first microsecond of the month counts, the last one of the month before does not")
                    .isEqualTo(10_000 - 100 - 20);
        });
    }

    @Test
    void aMonthEndsAtMidnightUtcOfItsLastDay() {
        budget(DB, "november", 1000L);
        spent(DB, "november", 1, Instant.parse("2026-10-31T23:59:59Z"));
        spent(DB, "november", 10, Instant.parse("2026-11-01T00:00:00Z"));
        spent(DB, "november", 100, OffsetDateTime.parse("2026-11-01T00:30:00+01:00").toInstant()); // Oct 31 in UTC
        spent(DB, "november", 200, Instant.parse("2026-11-30T23:59:59.999999Z"));
        spent(DB, "november", 400, Instant.parse("2026-12-01T00:00:00Z"));

        Map<String, Object> mid = quota("november", null, Instant.parse("2026-11-15T10:00:00Z"));
        assertThat(mid).containsEntry("used_tokens", 210L).containsEntry("remaining_tokens", 790L);
        assertThat(((OffsetDateTime) mid.get("resets_at")).toInstant()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(((OffsetDateTime) mid.get("period_start")).toInstant())
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(quota("november", null, Instant.parse("2026-12-01T00:00:00Z"))).containsEntry("used_tokens", 400L);
        assertThat(quota("november", null, Instant.parse("2026-10-31T23:59:59.5Z"))).containsEntry("used_tokens", 101L);
    }

    private static Long remaining(String user, Long defaultLimit) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT "
                + AiTesting.function(DB, "ai_remaining_tokens") + "(:user, :default_limit::bigint)")
                .bind("user", user).bind("default_limit", defaultLimit).mapTo(Long.class).one());
    }

    /** The quota at {@code at}, or now when it is null (the function's default). */
    private static Map<String, Object> quota(String user, Long defaultLimit, Instant at) {
        String call = AiTesting.function(DB, "ai_token_quota") + (at == null ? "(:user, :default_limit::bigint)"
                : "(:user, :default_limit::bigint, :at)");
        return DB.db().jdbi().withHandle(h -> {
            Query q = h.createQuery("SELECT monthly_limit, used_tokens, remaining_tokens, period_start, resets_at "
                    + "FROM " + call).bind("user", user).bind("default_limit", defaultLimit);
            if (at != null) {
                q.bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            }
            return q.map((rs, ctx) -> Map.<String, Object>of(
                    "monthly_limit", rs.getObject("monthly_limit") == null ? "unlimited" : rs.getLong("monthly_limit"),
                    "used_tokens", rs.getLong("used_tokens"),
                    "remaining_tokens", rs.getObject("remaining_tokens") == null ? "unlimited"
                            : rs.getLong("remaining_tokens"),
                    "period_start", rs.getObject("period_start", OffsetDateTime.class),
                    "resets_at", rs.getObject("resets_at", OffsetDateTime.class))).one();
        });
    }
}
