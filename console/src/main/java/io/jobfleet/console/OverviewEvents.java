package io.jobfleet.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jobfleet.db.Database;
import io.jobfleet.db.QueueStats;
import io.jobfleet.db.StatsSql.KindStats;
import io.jobfleet.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overview's live numbers as server-sent events: one stats statement per refresh period,
 * shared by every open overview (a stream opened within a period of the last statement starts from
 * its numbers), and none while no overview is open. Each event is the per queue
 * and kind numbers as JSON; the page's script redraws the table and the chart from it.
 */
final class OverviewEvents {
    private static final Logger log = LoggerFactory.getLogger(OverviewEvents.class);
    /** Open streams beyond this are refused (each holds one of the server's threads). */
    static final int MAX_STREAMS = 8;

    private record Client(OutputStream out, CountDownLatch closed) {
    }

    private record Snapshot(byte[] event, long madeAt) {
    }

    private final Database db;
    private final Set<Client> clients = new CopyOnWriteArraySet<>();
    private final AtomicInteger open = new AtomicInteger();
    private final long refreshNanos;
    private final ScheduledExecutorService ticker;
    private Snapshot snapshot; // guarded by this

    OverviewEvents(Database db, Duration refresh) {
        this.db = db;
        this.refreshNanos = refresh.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobfleet-console-events");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Streams events to this request until the browser goes away or the console stops. A slot is
     * taken before any work and given back on every way out, so concurrent opens beyond
     * {@link #MAX_STREAMS} are refused with 503 and never hold a thread.
     */
    void stream(HttpExchange ex) throws IOException {
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            byte[] body = ("at most " + MAX_STREAMS + " live overviews are open: close one, or reload later\n")
                    .getBytes(StandardCharsets.UTF_8);
            ConsoleServer.headers(ex, "text/plain; charset=utf-8");
            ex.sendResponseHeaders(503, body.length);
            ex.getResponseBody().write(body);
            return;
        }
        Client c = null;
        try {
            byte[] first = latest();
            ConsoleServer.headers(ex, "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            c = new Client(ex.getResponseBody(), new CountDownLatch(1));
            send(c, first);
            clients.add(c);
            c.closed().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                clients.remove(c);
            }
            open.decrementAndGet();
        }
    }

    void stop() {
        ticker.shutdownNow();
        clients.forEach(c -> c.closed().countDown());
    }

    private void tick() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            byte[] e = refreshed();
            clients.forEach(c -> send(c, e));
        } catch (RuntimeException e) {
            log.warn("console: reading the overview's numbers failed: {}", e.toString());
        }
    }

    /** The last event when younger than the refresh period, else a new one: one statement a period for all. */
    private synchronized byte[] latest() {
        Snapshot s = snapshot;
        return s != null && System.nanoTime() - s.madeAt() < refreshNanos ? s.event() : refreshed();
    }

    private synchronized byte[] refreshed() {
        byte[] e = event(db.admin().stats().statsByKind(null, Pages.WINDOW));
        snapshot = new Snapshot(e, System.nanoTime());
        return e;
    }

    private void send(Client c, byte[] event) {
        try {
            c.out().write(event);
            c.out().flush();
        } catch (IOException e) {
            c.closed().countDown();
            clients.remove(c);
        }
    }

    static byte[] event(List<KindStats> stats) {
        ObjectNode root = Json.mapper().createObjectNode().put("at", System.currentTimeMillis() / 1000.0);
        ArrayNode rows = root.putArray("rows");
        for (KindStats k : stats) {
            ObjectNode row = rows.addObject().put("queue", k.stats().queue()).put("kind", k.kind());
            // the names as the page shows them (marked, cut): the script writes these, never the raw names
            Html.Shown queue = Html.shown(k.stats().queue());
            Html.Shown kind = Html.shown(k.kind());
            row.put("queue_text", queue.text()).put("queue_title", queue.title())
                    .put("kind_text", kind.text()).put("kind_title", kind.title());
            cells(k.stats()).forEach(cell -> row.put(cell[0], cell[1]));
        }
        return ("event: stats\ndata: " + root + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The overview table; the page's script replaces its rows from each event. */
    static String table(List<KindStats> stats) {
        StringBuilder b = new StringBuilder("<table id=\"overview\"><thead><tr><th>queue</th><th>kind</th>");
        for (String[] h : cells(QueueStats.empty(""))) {
            b.append("<th>").append(h[0].replace('_', ' ')).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (KindStats k : stats) {
            b.append("<tr data-key=\"").append(Html.esc(k.stats().queue() + "/" + k.kind())).append("\"><td>")
                    .append(Html.listName(k.stats().queue())).append("</td><td>").append(Html.listName(k.kind())).append("</td>");
            for (String[] cell : cells(k.stats())) {
                b.append("<td data-f=\"").append(cell[0]).append("\">").append(Html.esc(cell[1])).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Field name and shown value of each column, in order. */
    private static List<String[]> cells(QueueStats s) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"pending", Long.toString(s.pending())});
        out.add(new String[] {"running", Long.toString(s.running())});
        out.add(new String[] {"failed", Long.toString(s.failed())});
        out.add(new String[] {"completed", Long.toString(s.completed())});
        out.add(new String[] {"lag", s.lagSeconds() == null ? "" : String.format(Locale.ROOT, "%.1fs", s.lagSeconds())});
        out.add(new String[] {"per_minute", String.format(Locale.ROOT, "%.1f", s.throughputPerMinute(Pages.WINDOW))});
        out.add(new String[] {"failure_rate", s.failureRate() == null ? ""
                : String.format(Locale.ROOT, "%.1f%%", 100 * s.failureRate())});
        out.add(new String[] {"p95", s.p95Seconds() == null ? "" : String.format(Locale.ROOT, "%.2fs", s.p95Seconds())});
        return out;
    }
}
