package io.jobfleet.tracing;

import io.jobfleet.config.ConfigException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What LLM tokens cost, in US dollars per million tokens, prompt and completion apart, by model
 * ({@code *}: any other model): {@code gpt-4o-mini=0.15/0.60,gpt-4o=2.50/10}. Only an estimate
 * (providers round, discount cached prompts, bill reasoning tokens): it is shown on LLM call spans
 * and is never a bill.
 */
public final class LlmPrices {
    public static final LlmPrices NONE = new LlmPrices(Map.of());
    private static final String ANY = "*";
    private static final double PER = 1_000_000.0;

    private final Map<String, double[]> perMillion;

    private LlmPrices(Map<String, double[]> perMillion) {
        this.perMillion = perMillion;
    }

    /** Parses {@code MODEL=PROMPT/COMPLETION[,...]}; null or blank: no prices. */
    public static LlmPrices parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, double[]> prices = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String e = entry.strip();
            int eq = e.lastIndexOf('=');
            int slash = e.indexOf('/', Math.max(eq, 0));
            if (eq <= 0 || slash < 0) {
                throw ConfigException.invalid("--llm-prices", "MODEL=PROMPT/COMPLETION in US dollars per million "
                        + "tokens, comma-separated (e.g. gpt-4o-mini=0.15/0.60)", e);
            }
            prices.put(e.substring(0, eq).strip(), new double[] {
                    price(e.substring(eq + 1, slash), e), price(e.substring(slash + 1), e)});
        }
        return new LlmPrices(Map.copyOf(prices));
    }

    private static double price(String s, String entry) {
        try {
            double p = new BigDecimal(s.strip()).doubleValue();
            if (p >= 0 && Double.isFinite(p)) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ConfigException.invalid("--llm-prices", "prices as non-negative numbers (US dollars per million "
                + "tokens)", entry);
    }

    /** The estimated cost of a call to {@code model}, or empty when no price covers it. */
    public OptionalDouble cost(String model, int promptTokens, int completionTokens) {
        double[] p = model == null ? null : perMillion.get(model);
        if (p == null) {
            p = perMillion.get(ANY);
        }
        if (p == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((promptTokens * p[0] + completionTokens * p[1]) / PER);
    }

    public boolean isEmpty() {
        return perMillion.isEmpty();
    }

    @Override
    public String toString() {
        return "LlmPrices" + perMillion.keySet();
    }
}
