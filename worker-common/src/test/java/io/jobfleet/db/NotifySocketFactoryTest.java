package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.jdbc.PgConnection;

/**
 * The LISTEN connection's sockets: pgjdbc's 1 ms peek ends at once when nothing was received
 * (with this class's exception, where the JDK's socket waits and says "Read timed out"), every
 * other read is the plain socket's, and no notification of a burst is lost or repeated.
 */
class NotifySocketFactoryTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void aPeekWithNothingReceivedEndsAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NotifySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            client.setSoTimeout(NotifySocketFactory.PEEK_TIMEOUT_MS);
            InputStream in = client.getInputStream();

            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class)
                    .hasMessage(NotifySocketFactory.NOTHING_RECEIVED);
            assertThatThrownBy(() -> in.read(new byte[16])).isInstanceOf(SocketTimeoutException.class)
                    .hasMessage(NotifySocketFactory.NOTHING_RECEIVED);

            // what was received is read under the same timeout
            peer.getOutputStream().write(new byte[] {'A', 1, 2});
            peer.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> in.available() == 3);
            byte[] got = new byte[8];
            assertThat(in.read(got)).isEqualTo(3);
            assertThat(got[0]).isEqualTo((byte) 'A');
        }
    }

    @Test
    void otherReadsWaitAsThePlainSocketDoes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new NotifySocketFactory().createSocket("127.0.0.1", server.getLocalPort());
             Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            client.setSoTimeout(50);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageNotContaining(NotifySocketFactory.NOTHING_RECEIVED);

            // a blocking read (no timeout) gets a byte sent after it started
            client.setSoTimeout(0);
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    OutputStream out = peer.getOutputStream();
                    out.write(42);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            assertThat(in.read()).isEqualTo(42);
            sender.join();
        }
    }

    @Test
    void theListenConnectionUsesItAndLosesNoNotificationOfABurst() throws Exception {
        try (Connection listen = DB.db().openDedicatedConnection("notify-socket-test");
             Connection app = DB.db().dataSource().getConnection()) {
            assertThat(socketOf(listen)).isInstanceOf(NotifySocketFactory.PromptPeekSocket.class);
            assertBurstArrivesOnceInOrder(listen, app);
        }
    }

    /**
     * Under TLS the driver's TLS socket reads through this one (it is layered over the socket the
     * factory made): the burst arrives whole there too. Its own server, with a self-signed
     * certificate made by the JDK's keytool.
     */
    @Test
    void overTlsNoNotificationOfABurstIsLostEither(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pg", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.crt");
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey("pg", "changeit".toCharArray()).getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("pg").getEncoded()));

        try (EmbeddedPostgres pg = TestPostgres.start(null, 0,
                Map.of("ssl", "on", "ssl_cert_file", cert.toString(), "ssl_key_file", key.toString()));
             Database db = Database.open(new DbConfig("jdbc:postgresql://localhost:" + pg.getPort()
                     + "/postgres?sslmode=require", "postgres", Secret.empty(), "jobfleet", "public", 2), "notify-tls-test");
             Connection listen = db.openDedicatedConnection("notify-tls-test");
             Connection app = db.dataSource().getConnection()) {
            assertThat(socketOf(listen)).isInstanceOf(SSLSocket.class);
            try (Statement s = listen.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the LISTEN connection is encrypted").isTrue();
            }
            assertBurstArrivesOnceInOrder(listen, app);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /**
     * 300 notifications in bursts and pauses, read by the LISTEN connection while they are sent
     * (so that reads end at a message's edge and the driver peeks there): each once, in order.
     */
    private static void assertBurstArrivesOnceInOrder(Connection listen, Connection app) throws Exception {
        try (Statement s = listen.createStatement()) {
            s.execute("LISTEN notify_socket_test");
        }
        int sent = 300;
        List<String> received = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try {
                PGConnection pg = listen.unwrap(PGConnection.class);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < sent && System.nanoTime() < deadline) {
                    PGNotification[] batch = pg.getNotifications(1000);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            received.add(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (PreparedStatement notify = app.prepareStatement("SELECT pg_notify('notify_socket_test', ?)")) {
            for (int i = 0; i < sent; i++) {
                notify.setString(1, "n" + i);
                notify.execute();
                if (i % 50 == 0) {
                    Thread.sleep(2); // bursts and pauses, so that the reader also waits for the next one
                }
            }
        }
        reading.get(60, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            expected.add("n" + i);
        }
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void aSocketFactoryNamedInTheUrlWins() throws Exception {
        DbConfig config = DB.config();
        String url = config.url() + (config.url().contains("?") ? "&" : "?") + "socketFactory="
                + CountingSocketFactory.class.getName();
        int before = CountingSocketFactory.CREATED.get();
        try (Database db = Database.open(new DbConfig(url, config.user(), config.password(), config.schema(),
                config.appSchema(), 2), "notify-socket-url-test");
             Connection listen = db.openDedicatedConnection("notify-socket-url-test")) {
            assertThat(CountingSocketFactory.CREATED.get()).isGreaterThan(before);
            assertThat(socketOf(listen)).isNotInstanceOf(NotifySocketFactory.PromptPeekSocket.class);
        }
    }

    /** The driver's socket of a connection (a test may look inside the driver). */
    private static Socket socketOf(Connection c) throws Exception {
        QueryExecutorBase executor = (QueryExecutorBase) c.unwrap(PgConnection.class).getQueryExecutor();
        Field stream = QueryExecutorBase.class.getDeclaredField("pgStream");
        stream.setAccessible(true);
        return ((PGStream) stream.get(executor)).getSocket();
    }

    /** A socket factory a user could name in the URL; counts the sockets it made. */
    public static final class CountingSocketFactory extends SocketFactory {
        static final AtomicInteger CREATED = new AtomicInteger();

        @Override
        public Socket createSocket() {
            CREATED.incrementAndGet();
            return new Socket();
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
