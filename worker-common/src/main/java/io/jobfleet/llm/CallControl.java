package io.jobfleet.llm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The cancellation state of one logical call (its HTTP attempts and the waits between them). An
 * abort from the {@link Cancellation} or an interrupt of the calling thread cancels the HTTP call
 * in flight and ends any backoff wait at once.
 */
final class CallControl {
    /** What came back over HTTP. */
    record HttpResult(int status, Headers headers, String body) {
    }

    private final AtomicReference<Call> current = new AtomicReference<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private int httpAttempts;
    private int lastStatus;

    static CallControl attach(Cancellation cancellation) {
        CallControl control = new CallControl();
        cancellation.onCancel(control::abort);
        return control;
    }

    void abort() {
        aborted.countDown();
        Call call = current.get();
        if (call != null) {
            call.cancel();
        }
    }

    boolean isAborted() {
        return aborted.getCount() == 0;
    }

    void checkActive() throws LlmException {
        if (isAborted() || Thread.currentThread().isInterrupted()) {
            throw cancelled(null);
        }
    }

    /** Runs the call and waits for its answer; a body past {@code maxBodyBytes} fails it, unread. */
    HttpResult execute(Call call, long maxBodyBytes) throws LlmException {
        checkActive();
        current.set(call);
        try {
            if (isAborted()) {
                throw cancelled(null);
            }
            CompletableFuture<HttpResult> answer = new CompletableFuture<>();
            httpAttempts++;
            call.enqueue(new Collector(answer, maxBodyBytes));
            HttpResult result = answer.get();
            lastStatus = result.status();
            return result;
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw cancelled(e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            current.compareAndSet(call, null);
        }
    }

    /** HTTP requests sent so far for this call (on the calling thread). */
    int httpAttempts() {
        return httpAttempts;
    }

    /** The status of the last HTTP answer; 0 when none came back. */
    int lastStatus() {
        return lastStatus;
    }

    /** Waits between attempts; an abort or interrupt ends the wait with CANCELLED. */
    void pause(long millis) throws LlmException {
        try {
            if (aborted.await(millis, TimeUnit.MILLISECONDS)) {
                throw cancelled(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(e);
        }
    }

    private LlmException failure(Throwable t) {
        if (isAborted()) {
            return cancelled(t);
        }
        if (t instanceof BodyTooLarge tooLarge) {
            return new LlmException(LlmErrorType.MALFORMED_OUTPUT, tooLarge.status, null, tooLarge.getMessage(), null);
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        boolean connecting = message.contains("connect");
        if ((t instanceof SocketTimeoutException || t instanceof InterruptedIOException) && !connecting) {
            return new LlmException(LlmErrorType.TIMEOUT, 0, null, null, t);
        }
        return new LlmException(LlmErrorType.CONNECTION, 0, null, null, t);
    }

    private static LlmException cancelled(Throwable cause) {
        return new LlmException(LlmErrorType.CANCELLED, 0, null, null, cause);
    }

    /** Completes the future on OkHttp's dispatcher thread, reading at most {@code maxBytes} of the body there. */
    private record Collector(CompletableFuture<HttpResult> answer, long maxBytes) implements Callback {
        @Override
        public void onFailure(Call call, IOException e) {
            answer.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response; ResponseBody body = response.body()) {
                answer.complete(new HttpResult(response.code(), response.headers(), read(body, response.code())));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }

        private String read(ResponseBody body, int status) throws IOException {
            BufferedSource source = body.source();
            if (body.contentLength() > maxBytes || source.request(maxBytes + 1)) {
                throw new BodyTooLarge(status, maxBytes);
            }
            MediaType type = body.contentType();
            Charset charset = type == null ? null : type.charset(null);
            return source.readString(charset == null ? StandardCharsets.UTF_8 : charset);
        }
    }

    /** An answer body past the limit; the rest of it is never read. */
    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        BodyTooLarge(int status, long maxBytes) {
            super("the answer is larger than " + describe(maxBytes) + ", the limit of --llm-max-response-bytes");
            this.status = status;
        }

        private static String describe(long bytes) {
            return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
        }
    }
}
