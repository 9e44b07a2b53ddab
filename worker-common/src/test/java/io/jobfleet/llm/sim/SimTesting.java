package io.jobfleet.llm.sim;

import io.jobfleet.config.Secret;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.ResponseSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** Clients for the simulator, and the schemas the families use. */
final class SimTesting {
    static final ResponseSchema REQUIREMENTS = ResponseSchema.parse("requirements", """
            {"type":"object","additionalProperties":false,"required":["requirements"],
             "properties":{"requirements":{"type":"array","items":{
               "type":"object","additionalProperties":false,
               "required":["text","category","priority","source_page","reference"],
               "properties":{
                 "text":{"type":"string"},
                 "category":{"type":"string","enum":["functional","non_functional","security","performance","compliance","other"]},
                 "priority":{"type":"string","enum":["high","medium","low"]},
                 "source_page":{"type":"integer","minimum":1},
                 "reference":{"type":"string"}}}}}}
            """);

    static final ResponseSchema INVOICE = ResponseSchema.parse("invoice", """
            {"type":"object","additionalProperties":false,
             "required":["vendor","invoice_number","issue_date","due_date","currency","subtotal","tax","total","line_items"],
             "properties":{
               "vendor":{"type":"string"},"invoice_number":{"type":"string"},
               "issue_date":{"type":"string","format":"date"},"due_date":{"type":["string","null"],"format":"date"},
               "currency":{"type":"string"},"subtotal":{"type":"number"},"tax":{"type":"number"},"total":{"type":"number"},
               "line_items":{"type":"array","items":{"type":"object","additionalProperties":false,
                 "required":["description","quantity","unit_price","amount"],
                 "properties":{"description":{"type":"string"},"quantity":{"type":"number"},
                               "unit_price":{"type":"number"},"amount":{"type":"number"}}}}}}
            """);

    static final ResponseSchema FLASHCARDS = ResponseSchema.parse("flashcards", """
            {"type":"object","additionalProperties":false,"required":["flashcards"],
             "properties":{"flashcards":{"type":"array","items":{"type":"object","additionalProperties":false,
               "required":["front","back","source"],
               "properties":{"front":{"type":"string"},"back":{"type":"string"},"source":{"type":"string"}}}}}}
            """);

    static final ResponseSchema QUIZ = ResponseSchema.parse("quiz", """
            {"type":"object","additionalProperties":false,"required":["questions"],
             "properties":{"questions":{"type":"array","items":{"type":"object","additionalProperties":false,
               "required":["question","choices","correct_index","explanation"],
               "properties":{"question":{"type":"string"},
                             "choices":{"type":"array","minItems":4,"maxItems":4,"items":{"type":"string"}},
                             "correct_index":{"type":"integer","minimum":0,"maximum":3},
                             "explanation":{"type":"string"}}}}}}
            """);

    private SimTesting() {
    }

    static LlmConfig config(LlmSimulator sim, int retries) {
        return LlmConfig.defaults(sim.baseUrl(), Secret.empty())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(retries, Duration.ofMillis(10))
                .withBreaker(new LlmConfig.Breaker(50, 100, 100, Duration.ofSeconds(30), 3));
    }

    static LlmClient client(LlmSimulator sim) {
        return LlmClient.create(config(sim, 0), new SimpleMeterRegistry());
    }
}
