package io.jobfleet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Steps of a job whose results are saved as checkpoints ({@link JobContext#checkpoint}): a later
 * attempt takes the saved result of a step instead of doing it again (e.g. calling the LLM again
 * for a chunk an earlier attempt finished). A step is named and fingerprinted by its input, so a
 * result saved for other input (the app changed the document between attempts) is not reused.
 * One per attempt; not thread-safe.
 *
 * @param <T> the result of one step, a record the project's JSON mapper reads and writes
 */
public final class SavedSteps<T> {
    /** One step's work. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws Exception;
    }

    private final JobContext ctx;
    private final Class<T> type;
    private int reused;
    private int done;

    public SavedSteps(JobContext ctx, Class<T> type) {
        this.ctx = ctx;
        this.type = type;
    }

    /**
     * The result of step {@code name} for {@code input}: the one an earlier attempt saved for the
     * same input, or {@code step}'s, saved before it is returned.
     *
     * @throws JobLostException the attempt no longer holds the job (the result was not saved)
     */
    public T get(String name, String input, Step<T> step) throws Exception {
        String fingerprint = sha256(input);
        Optional<T> saved = ctx.saved(name)
                .filter(n -> fingerprint.equals(n.path("input_sha256").asText()))
                .flatMap(n -> read(n.get("value")));
        if (saved.isPresent()) {
            reused++;
            return saved.get();
        }
        T value = step.run();
        ObjectNode n = ctx.json().createObjectNode();
        n.put("input_sha256", fingerprint);
        n.set("value", ctx.json().valueToTree(value));
        ctx.checkpoint(name, n);
        done++;
        return value;
    }

    /** Steps whose saved result this attempt reused. */
    public int reused() {
        return reused;
    }

    /** Steps this attempt did (and saved). */
    public int done() {
        return done;
    }

    private Optional<T> read(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ctx.json().treeToValue(value, type));
        } catch (Exception e) {
            return Optional.empty(); // saved by an older release in another shape: do the step again
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
