package io.jobfleet.llm;

import io.jobfleet.config.Secret;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP side of one OpenAI-compatible endpoint: posts a chat-completions body and returns the
 * answer's body, or throws the classified error. The API key goes only into the
 * {@code Authorization} header, and only when there is one (local servers need none). Redirects
 * are not followed (the key and the prompt go to the configured address only) and an answer body
 * is read up to {@link LlmConfig#maxResponseBytes()}.
 */
final class ChatEndpoint {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_PARALLEL = 256;

    private final OkHttpClient http;
    private final HttpUrl url;
    private final Secret apiKey;
    private final long maxResponseBytes;

    ChatEndpoint(LlmConfig config) {
        this.url = HttpUrl.get(config.baseUrl().strip()).newBuilder().addPathSegments("chat/completions").build();
        this.apiKey = config.apiKey();
        this.maxResponseBytes = config.maxResponseBytes();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_PARALLEL);
        dispatcher.setMaxRequestsPerHost(MAX_PARALLEL);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    String post(String json, CallControl control) throws LlmException {
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .header("User-Agent", "jobfleet")
                .post(RequestBody.create(json, JSON));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey.reveal());
        }
        CallControl.HttpResult result = control.execute(http.newCall(request.build()), maxResponseBytes);
        if (result.status() >= 200 && result.status() < 300) {
            return result.body();
        }
        throw ErrorClassifier.fromResponse(result.status(), result.headers(), result.body(), apiKey);
    }

    void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
