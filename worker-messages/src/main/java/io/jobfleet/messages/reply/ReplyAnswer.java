package io.jobfleet.messages.reply;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The model's structured answer (schema {@code message_reply}). */
public record ReplyAnswer(@JsonProperty(value = "reply", required = true) String reply) {
}
