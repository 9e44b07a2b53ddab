package io.jobfleet.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for the few GET routes of a worker: one request per connection, its
 * head read within {@code readTimeout} and {@value #MAX_HEAD_BYTES} bytes, then closed. A client
 * that connects and sends nothing (or trickles) holds one of a few threads for at most the
 * timeout, and connections beyond the threads and a short queue are closed at once, so idle
 * sockets cannot keep {@code /health/live} from answering.
 */
final class HttpListener {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    static final int MAX_HEAD_BYTES = 8192;
    private static final int THREADS = 8;
    private static final int QUEUED = 32;

    /** What a route answers. */
    record Response(int status, String contentType, String body) {
    }

    private final ServerSocket socket;
    private final Duration readTimeout;
    private final Function<String, Response> router;
    private final ThreadPoolExecutor executor;
    private final Thread acceptor;

    /** Serves {@code router(path)} to GET and HEAD on the bound {@code socket}. */
    HttpListener(ServerSocket socket, Duration readTimeout, String name, Function<String, Response> router) {
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.router = router;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), r -> daemon(new Thread(r, name + "-" + n.incrementAndGet())));
        this.executor.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(new Thread(this::acceptLoop, name + "-accept"));
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void stop() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the HTTP socket: {}", e.toString());
        }
        executor.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                try {
                    executor.execute(() -> serve(s));
                } catch (RejectedExecutionException e) {
                    closeQuietly(s);
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("accepting an HTTP connection failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s, System.nanoTime() + readTimeout.toNanos());
            if (head == null) {
                return;
            }
            String[] line = head.substring(0, head.indexOf('\n')).strip().split(" ");
            Response r;
            if (line.length != 3 || !line[2].startsWith("HTTP/")) {
                r = new Response(400, "text/plain; charset=utf-8", "bad request\n");
            } else {
                String path = line[1].contains("?") ? line[1].substring(0, line[1].indexOf('?')) : line[1];
                r = line[0].equals("GET") || line[0].equals("HEAD") ? router.apply(path)
                        : new Response(405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            }
            write(s.getOutputStream(), r, line[0].equals("HEAD"));
        } catch (SocketException e) {
            log.debug("HTTP connection ended: {}", e.toString());
        } catch (IOException | RuntimeException e) {
            log.debug("HTTP request not served: {}", e.toString());
        }
    }

    /** The request line and headers; null when the client sent too little in time, or too much. */
    private static String readHead(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            int n;
            try {
                s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                n = in.read(buf);
            } catch (java.net.SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                return null;
            }
            head.write(buf, 0, n);
            if (head.size() > MAX_HEAD_BYTES) {
                return null;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                return text;
            }
        }
        return null;
    }

    private static void write(OutputStream out, Response r, boolean headOnly) throws IOException {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\n"
                + "Content-Type: " + r.contentType() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a refused HTTP connection: {}", e.toString());
        }
    }
}
