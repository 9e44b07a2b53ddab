package io.jobfleet.messages.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider on loopback that answers each request with a kept-alive 200 {@code {"id":"m-N"}} and
 * then closes the connection, as a provider does with connections idle for a few seconds: a client
 * that reuses it writes its next request into a closed connection. {@link #awaitClosed()} returns
 * once a connection has been closed.
 */
final class ClosingKeepAliveServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final Semaphore closed = new Semaphore(0);

    ClosingKeepAliveServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "closing-keep-alive-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1/messages";
    }

    int connections() {
        return connections.get();
    }

    boolean awaitClosed() throws InterruptedException {
        return closed.tryAcquire(10, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                answerOne(s);
            } catch (IOException e) {
                // closed, or a client gone: the next one is served
            }
            closed.release();
        }
    }

    private void answerOne(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read(); // the whole body: closing with unread bytes would reset the connection
        }
        String body = "{\"id\":\"m-" + answered.incrementAndGet() + "\"}";
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
