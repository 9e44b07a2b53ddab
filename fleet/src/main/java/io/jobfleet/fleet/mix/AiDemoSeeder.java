package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.Payloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AI generations for several users (text and structured answers), and one user whose monthly
 * token budget is used up: their jobs fail once with {@code quota_exceeded} and make no LLM call.
 */
public final class AiDemoSeeder implements DemoSeeder {
    private static final String KIND = "ai.generate";
    private static final List<String> PROMPTS = List.of(
            "Write a two-sentence welcome message for a new customer of a bakery.",
            "Summarize why background jobs should be retried with backoff.",
            "Suggest a title for a blog post about PostgreSQL job queues.",
            "Explain in one paragraph what a lease is in a job queue.",
            "List three ways to make a web form easier to fill in.");

    @Override
    public String family() {
        return "ai";
    }

    @Override
    public List<Expectation> seed(Database db, Path files, DemoSize size) {
        List<Expectation> x = new ArrayList<>();
        for (int u = 1; u <= size.aiUsers(); u++) {
            String user = "user-" + u;
            for (int j = 0; j < size.aiJobsPerUser(); j++) {
                Map<String, Object> payload = j % 3 == 2
                        ? Map.of("user_id", user, "prompt", "Give a short product name idea and a slogan. (" + j + ")",
                                "response_schema", Map.of("type", "object", "required", List.of("name", "slogan"),
                                        "properties", Map.of("name", Map.of("type", "string"),
                                                "slogan", Map.of("type", "string"))))
                        : Map.of("user_id", user, "system", "You are a concise assistant.",
                                "prompt", PROMPTS.get((u + j) % PROMPTS.size()) + " (" + j + ")");
                long id = db.queue().enqueue(NewJob.of("ai", KIND, Payloads.write(payload)).withMaxAttempts(5)
                        .withPriority(j % 2));
                x.add(Expectation.completes(id, KIND, "generation for " + user));
            }
        }
        // a user over quota: 500 tokens this month, all used by an earlier call
        DemoTables t = DemoTables.of(db);
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + t.budgets() + " (user_id, monthly_tokens) VALUES ('user-over-quota', 500) "
                    + "ON CONFLICT DO NOTHING");
            h.execute("INSERT INTO " + t.ledger() + " (job_id, user_id, model, prompt_tokens, completion_tokens, "
                    + "total_tokens) VALUES (0, 'user-over-quota', 'earlier-call', 200, 300, 500) ON CONFLICT DO NOTHING");
        });
        for (int j = 0; j < 2; j++) {
            long id = db.queue().enqueue(NewJob.of("ai", KIND, Payloads.write(Map.of("user_id", "user-over-quota",
                    "prompt", "One more answer, please (" + j + ")"))));
            x.add(Expectation.fails(id, KIND, "generation over quota", "quota_exceeded"));
        }
        return x;
    }
}
