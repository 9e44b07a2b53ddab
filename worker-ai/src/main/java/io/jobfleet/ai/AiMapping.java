package io.jobfleet.ai;

import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.TEXT;
import static io.jobfleet.mapping.ColumnKind.TIMESTAMP;
import static io.jobfleet.mapping.Privilege.INSERT;
import static io.jobfleet.mapping.Privilege.SELECT;
import static io.jobfleet.mapping.Privilege.UPDATE;

import io.jobfleet.mapping.IdType;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.mapping.TableSpec;
import java.util.List;

/**
 * The app tables ai.generate needs (the reference schema in {@code db/app/ai}), checked before the
 * first claim: a worker without them would fail every job after all its attempts.
 */
public final class AiMapping {
    public static final MappingSpec SPEC = MappingSpec.fixed(AiFamily.NAME, List.of(
            TableSpec.table("ai_token_budgets", IdType.TEXT).idColumn("user_id")
                    .column("monthly_tokens", INTEGER, SELECT)
                    .build(),
            TableSpec.table("ai_usage_ledger", IdType.BIGINT)
                    .column("job_id", INTEGER, INSERT)
                    .column("user_id", TEXT, SELECT, INSERT)
                    .column("attempt", INTEGER, INSERT)
                    .column("state", TEXT, SELECT, INSERT, UPDATE)
                    .column("reserved_tokens", INTEGER, INSERT)
                    .column("model", TEXT, INSERT, UPDATE)
                    .column("prompt_tokens", INTEGER, INSERT, UPDATE)
                    .column("completion_tokens", INTEGER, INSERT, UPDATE)
                    .column("total_tokens", INTEGER, SELECT, INSERT, UPDATE)
                    .column("created_at", TIMESTAMP, SELECT)
                    .column("settled_at", TIMESTAMP, UPDATE)
                    .build()));

    private AiMapping() {
    }
}
