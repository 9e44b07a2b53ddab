package io.jobfleet.db;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * Sockets for the LISTEN connection that answer the JDBC driver's "is another message pending?"
 * peek at once. After each notification it reads, pgjdbc's {@code getNotifications} looks for
 * more before it returns: it sets a 1 ms read timeout and reads ({@code PGStream.hasMessagePending}).
 * With nothing more sent, that read waits out the millisecond, so every notification reached the
 * worker a millisecond after it arrived: on an idle worker, most of the time from the app's commit
 * to the claim (docs/benchmarks.md). Here a read under that 1 ms timeout with nothing received ends
 * at once, with the {@link SocketTimeoutException} the wait would have ended with; every other
 * read is the plain socket's. A notification that arrives just after such a read is read by the
 * next {@code getNotifications} call, which blocks until something comes.
 *
 * <p>pgjdbc creates it from its class name ({@code socketFactory} property of the dedicated
 * connections, {@link Database#openDedicatedConnection}); a {@code socketFactory} named in the
 * database URL wins (a cloud provider's connector, say), and that connection keeps the driver's
 * millisecond. With TLS the driver's TLS socket reads through this one, so the peek ends at once
 * there too.
 */
public final class NotifySocketFactory extends SocketFactory {
    /** The read timeout pgjdbc's peek sets, in milliseconds (no setting of the driver is that short). */
    static final int PEEK_TIMEOUT_MS = 1;
    static final String NOTHING_RECEIVED = "nothing received (peek answered at once)";

    /** pgjdbc instantiates it by name. */
    public NotifySocketFactory() {
    }

    @Override
    public Socket createSocket() {
        return new PromptPeekSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new PromptPeekSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A plain socket whose input stream ends a 1 ms read at once when nothing was received. */
    static final class PromptPeekSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new PromptPeekInput(super.getInputStream(), this);
            }
            return input;
        }
    }

    private static final class PromptPeekInput extends FilterInputStream {
        private final Socket socket;

        PromptPeekInput(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            endPeekAtOnce();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            endPeekAtOnce();
            return super.read(b, off, len);
        }

        private void endPeekAtOnce() throws IOException {
            if (socket.getSoTimeout() == PEEK_TIMEOUT_MS && in.available() == 0) {
                throw new SocketTimeoutException(NOTHING_RECEIVED);
            }
        }
    }
}
