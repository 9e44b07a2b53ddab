package io.jobfleet.ai;

import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.TEXT;
import static io.jobfleet.mapping.ColumnKind.TIMESTAMP;
import static io.jobfleet.mapping.Privilege.INSERT;
import static io.jobfleet.mapping.Privilege.SELECT;
import static io.jobfleet.mapping.Privilege.UPDATE;
import static io.jobfleet.mapping.TableSpec.words;

import io.jobfleet.mapping.FunctionSpec;
import io.jobfleet.mapping.IdType;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.mapping.TableSpec;
import java.util.List;

/**
 * The app tables of the ai family as ai.generate uses them (the reference schema in
 * {@code db/app/ai} is the default): what {@code --app-mapping} may rename and retype, and what
 * {@code check} verifies before the first claim. The functions {@code ai_remaining_tokens} and
 * {@code ai_token_quota} are called in the ledger table's schema, and checked there too.
 */
public final class AiMapping {
    public static final String BUDGETS = "ai_token_budgets";
    public static final String LEDGER = "ai_usage_ledger";

    public static final MappingSpec SPEC = new MappingSpec(AiFamily.NAME, List.of(
            TableSpec.table(BUDGETS, IdType.TEXT).idColumn("user_id")
                    .column("monthly_tokens", INTEGER, SELECT)
                    .build(),
            TableSpec.table(LEDGER, IdType.BIGINT)
                    .column("job_id", INTEGER, INSERT)
                    .column("user_id", TEXT, SELECT, INSERT)
                    .column("attempt", INTEGER, INSERT)
                    .status("state", words("reserved", "reserved", "completed", "completed", "failed", "failed"),
                            SELECT, INSERT, UPDATE)
                    .column("reserved_tokens", INTEGER, INSERT)
                    .column("model", TEXT, INSERT, UPDATE)
                    .column("prompt_tokens", INTEGER, INSERT, UPDATE)
                    .column("completion_tokens", INTEGER, INSERT, UPDATE)
                    .column("total_tokens", INTEGER, SELECT, INSERT, UPDATE)
                    .column("created_at", TIMESTAMP, SELECT)
                    .optional("settled_at", TIMESTAMP, UPDATE)
                    .build()),
            List.of(quotaFunction("ai_remaining_tokens", "text, bigint"),
                    quotaFunction("ai_token_quota", "text, bigint, timestamptz")));

    private AiMapping() {
    }

    private static FunctionSpec quotaFunction(String name, String arguments) {
        return new FunctionSpec(name, arguments, LEDGER, "`jobfleet ai migrate --app-tables` creates it with the "
                + "reference tables; on the app's own tables, create it from the template in worker-ai/README.md "
                + "(\"The quota functions on the app's tables\")");
    }
}
