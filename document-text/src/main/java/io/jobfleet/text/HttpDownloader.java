package io.jobfleet.text;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads a document over http(s): follows at most {@code maxRedirects} redirects itself, keeps
 * the whole exchange within {@code callTimeout}, checks the content type before reading, and
 * stops reading as soon as the body passes {@code maxBytes}.
 *
 * <p>Every hop goes only where the {@link AddressPolicy} allows (server-side request forgery):
 * the URL's port and IP literal are checked before the request, host names resolve through
 * {@link GuardedDns}, the connected socket is checked by {@link ConnectionGuard}, and no proxy is
 * used. A refused address and an unreachable one read the same, so the message cannot be used to
 * scan a network.
 */
final class HttpDownloader {
    /** The bytes, the media type the server declared (lower case, no parameters) and a file name. */
    record Download(byte[] bytes, String contentType, String name) {
    }

    private static final String OCTET_STREAM = "application/octet-stream";
    static final String UNREACHABLE = "The document could not be downloaded: its address is not allowed "
            + "or could not be reached.";

    private final OkHttpClient client;
    private final LoaderLimits limits;
    private final Dns resolver;
    private final String accept;
    private final Map<Integer, OkHttpClient> clientsByPort = new ConcurrentHashMap<>();

    HttpDownloader(OkHttpClient base, LoaderLimits limits) {
        this(base, limits, Dns.SYSTEM);
    }

    /** With {@code resolver} in place of the system's (tests give names their own addresses). */
    HttpDownloader(OkHttpClient base, LoaderLimits limits, Dns resolver) {
        this.limits = limits;
        this.resolver = resolver;
        this.client = base.newBuilder()
                .proxy(Proxy.NO_PROXY)
                .addNetworkInterceptor(new ConnectionGuard(limits.addressPolicy()))
                .connectTimeout(limits.connectTimeout())
                .readTimeout(limits.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.accept = String.join(", ", limits.allowedContentTypes().stream().sorted().toList());
    }

    Download download(URI uri) throws DocumentException {
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw DocumentException.refused("The document URL is not a valid http(s) URL.");
        }
        long deadline = System.nanoTime() + limits.callTimeout().toNanos();
        for (int redirects = 0; ; redirects++) {
            checkTarget(url);
            Call call = clientFor(url.port()).newCall(new Request.Builder().url(url).header("Accept", accept).build());
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (!response.isRedirect()) {
                    return readBody(response);
                }
                if (redirects >= limits.maxRedirects()) {
                    throw new DocumentException(DocumentError.HTTP_ERROR, "The document could not be downloaded: "
                            + "the server redirected more than " + limits.maxRedirects() + " times.");
                }
                url = redirectTarget(response);
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    /** Clients share the connection pool and threads; each resolves through a Dns that knows its port. */
    private OkHttpClient clientFor(int port) {
        return clientsByPort.computeIfAbsent(port, p -> client.newBuilder()
                .dns(new GuardedDns(limits.addressPolicy(), resolver, p))
                .build());
    }

    /** Refuses a port or an IP literal before any connection (OkHttp does not resolve literals through Dns). */
    private void checkTarget(HttpUrl url) throws DocumentException {
        AddressPolicy policy = limits.addressPolicy();
        String host = url.host();
        if (!policy.allowsPort(host, url.port())) {
            throw refused();
        }
        if (host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            try {
                if (!policy.allowsConnection(host, InetAddress.getByName(host), url.port())) {
                    throw refused();
                }
            } catch (UnknownHostException e) {
                throw refused();
            }
        }
    }

    private Download readBody(Response response) throws IOException, DocumentException {
        if (!response.isSuccessful()) {
            throw HttpStatusErrors.forStatus(response.code(), response.message());
        }
        ResponseBody body = response.body();
        String type = mediaType(body.contentType());
        if (!limits.allowedContentTypes().contains(type)) {
            throw DocumentException.unsupported("The server sent a document of type " + type
                    + "; only PDF, Word (DOCX), text and Markdown documents are supported.");
        }
        long length = body.contentLength();
        if (length > limits.maxBytes()) {
            throw DocumentException.tooLarge(length, limits.maxBytes());
        }
        byte[] bytes = BoundedBytes.read(body.byteStream(), limits.maxBytes(), length);
        return new Download(bytes, type, fileName(response.request().url()));
    }

    private static HttpUrl redirectTarget(Response response) throws DocumentException {
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        if (target == null) {
            throw new DocumentException(DocumentError.HTTP_ERROR,
                    "The document could not be downloaded: the server sent a redirect without a valid http(s) target.");
        }
        return target;
    }

    private static String mediaType(MediaType type) {
        return type == null ? OCTET_STREAM : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    }

    private static String fileName(HttpUrl url) {
        List<String> segments = url.pathSegments();
        String last = segments.get(segments.size() - 1);
        return last.isEmpty() ? url.host() : last;
    }

    private static DocumentException failed(IOException e) {
        if (isRefusal(e)) {
            return refused();
        }
        return new DocumentException(DocumentError.DOWNLOAD_FAILED, UNREACHABLE, e);
    }

    private static DocumentException refused() {
        return new DocumentException(DocumentError.REFUSED, UNREACHABLE);
    }

    private static boolean isRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddressException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isRefusal(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
