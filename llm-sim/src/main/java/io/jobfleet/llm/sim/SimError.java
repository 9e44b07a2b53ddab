package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;

/** An OpenAI-style error answer: status, {@code {"error":{"message","type","param","code"}}}, maybe Retry-After. */
record SimError(int status, String type, String code, String message, Integer retryAfterSeconds) {
    static SimError rateLimited() {
        return new SimError(429, "requests", "rate_limit_exceeded",
                "Rate limit reached for jobfleet-simulator (simulated). Please try again in 1s.", 1);
    }

    static SimError serverError() {
        return new SimError(500, "server_error", null,
                "The server had an error while processing your request (simulated).", null);
    }

    static SimError unavailable() {
        return new SimError(503, "server_error", null, "The engine is currently overloaded (simulated).", null);
    }

    static SimError badRequest(String message) {
        return new SimError(400, "invalid_request_error", null, message, null);
    }

    static SimError unauthorized() {
        return new SimError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided (simulated).", null);
    }

    /** The error a {@code [sim:error=...]} marker asks for. */
    static SimError forMarker(String marker, int promptTokens) {
        return switch (marker) {
            case "429", "rate_limit", "rate_limited" -> rateLimited();
            case "500" -> serverError();
            case "503" -> unavailable();
            case "401" -> unauthorized();
            case "400" -> badRequest("Invalid request (simulated).");
            case "403" -> new SimError(403, "permission_error", null,
                    "You are not allowed to use this model (simulated).", null);
            case "404" -> new SimError(404, "invalid_request_error", "model_not_found",
                    "The model does not exist (simulated).", null);
            case "context_length" -> new SimError(400, "invalid_request_error", "context_length_exceeded",
                    "This model's maximum context length is 8192 tokens. However, your messages resulted in "
                            + Math.max(8193, promptTokens) + " tokens (simulated).", null);
            case "content_filter" -> new SimError(400, "invalid_request_error", "content_filter",
                    "The response was filtered due to the prompt triggering the content management policy "
                            + "(simulated).", null);
            case "insufficient_quota" -> new SimError(429, "insufficient_quota", "insufficient_quota",
                    "You exceeded your current quota, please check your plan and billing details (simulated).", null);
            default -> numeric(marker);
        };
    }

    private static SimError numeric(String marker) {
        if (marker.matches("[45]\\d\\d")) {
            int status = Integer.parseInt(marker);
            return new SimError(status, status >= 500 ? "server_error" : "invalid_request_error", null,
                    "Simulated HTTP " + status + ".", null);
        }
        return badRequest("Unknown simulator marker '" + marker.replace("unknown_marker:", "")
                + "' (docs/llm.md lists the markers).");
    }

    ObjectNode body() {
        ObjectNode root = Payloads.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }
}
