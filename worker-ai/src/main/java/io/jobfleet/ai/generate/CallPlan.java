package io.jobfleet.ai.generate;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.engine.ErrorClasses;
import io.jobfleet.engine.PermanentJobException;
import java.util.List;

/**
 * What one {@code ai.generate} call may cost, checked against the worker's limits before any
 * token is reserved: the model (one of the allowed ones), {@code max_tokens} (the payload's, at
 * most {@code --ai-max-tokens}, else {@code --ai-default-max-tokens}) and the prompt's size (at
 * most {@code --ai-max-prompt-chars}). A payload beyond them fails as {@code bad_payload}.
 *
 * @param promptTokens an estimate meant to be on the high side: a third of the characters of the
 *        messages and the response schema, plus {@value #TOKENS_PER_MESSAGE} per message
 */
record CallPlan(String model, int maxTokens, int promptTokens) {
    static final int TOKENS_PER_MESSAGE = 8;
    private static final int CHARS_PER_TOKEN = 3;

    static CallPlan of(GeneratePayload payload, AiSettings settings, String configuredModel)
            throws PermanentJobException {
        String model = payload.model() != null ? payload.model() : configuredModel;
        List<String> allowed = settings.allowedModels(configuredModel);
        if (!allowed.contains(model)) {
            throw badPayload("payload field 'model' must be one of the models this worker allows ("
                    + String.join(", ", allowed) + "; --ai-models), got '" + model + "'");
        }
        int maxTokens = payload.maxTokens() != null ? payload.maxTokens() : settings.defaultMaxTokens();
        if (maxTokens > settings.maxTokens()) {
            throw badPayload("payload field 'max_tokens' must be at most " + settings.maxTokens()
                    + " (--ai-max-tokens), got " + maxTokens);
        }
        long chars = promptChars(payload);
        if (chars > settings.maxPromptChars()) {
            throw badPayload("payload prompt is too long: " + chars + " characters of messages and response_schema, "
                    + "at most " + settings.maxPromptChars() + " (--ai-max-prompt-chars)");
        }
        int messages = payload.prompt() != null ? (payload.system() != null ? 2 : 1) : payload.messages().size();
        int promptTokens = (int) ((chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN) + messages * TOKENS_PER_MESSAGE;
        return new CallPlan(model, maxTokens, promptTokens);
    }

    /** The most tokens the call may use: what is reserved against the user's budget. */
    int reservedTokens() {
        return promptTokens + maxTokens;
    }

    static long promptChars(GeneratePayload payload) {
        long chars = 0;
        if (payload.prompt() != null) {
            chars += payload.prompt().length() + (payload.system() == null ? 0 : payload.system().length());
        } else {
            for (PayloadMessage m : payload.messages()) {
                chars += m.content().length();
            }
        }
        return chars + (payload.structured() ? payload.responseSchema().toString().length() : 0);
    }

    private static PermanentJobException badPayload(String message) {
        return new PermanentJobException(ErrorClasses.BAD_PAYLOAD, message);
    }
}
