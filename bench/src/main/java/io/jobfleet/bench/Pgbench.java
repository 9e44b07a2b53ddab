package io.jobfleet.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling reference: pgbench's simple-update run ({@code -N}: one small transaction of
 * three statements and an insert) on a scratch database of the same server, 8 clients, 10 s. A
 * job queue commits at least one transaction per job, so this bounds what any of them can do.
 * Needs the {@code pgbench} program (Debian: package {@code postgresql-client}).
 */
final class Pgbench {
    private static final String DATABASE = "jobfleet_bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final BenchServer server;
    private final Report report;

    Pgbench(BenchServer server, Report report) {
        this.server = server;
        this.report = report;
    }

    void run() throws InterruptedException {
        String program = find();
        if (program == null) {
            report.note("pgbench not found on PATH: no ceiling reference (Debian: apt-get install postgresql-client)");
            return;
        }
        server.execute("DROP DATABASE IF EXISTS " + DATABASE);
        server.execute("CREATE DATABASE " + DATABASE);
        try {
            exec(List.of(program, "-i", "-q", "-s", "10"));
            String out = exec(List.of(program, "-N", "-c", "8", "-j", "2", "-T", "10", "-n"));
            Matcher m = TPS.matcher(out);
            if (!m.find()) {
                report.note("pgbench gave no tps figure: " + out.strip());
                return;
            }
            report.add("ceiling", "pgbench", "simple-update TPS", Double.parseDouble(m.group(1)), "tx/s",
                    "pgbench -N -c 8 -j 2 -T 10, scale 10, same server: one commit per transaction");
        } finally {
            server.execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    private String exec(List<String> args) throws InterruptedException {
        URI where = server.hostAndPort();
        List<String> cmd = new ArrayList<>(args);
        cmd.addAll(List.of("-h", where.getHost() == null ? "localhost" : where.getHost(),
                "-p", Integer.toString(where.getPort() < 0 ? 5432 : where.getPort())));
        if (server.user() != null && !server.user().isEmpty()) {
            cmd.addAll(List.of("-U", server.user()));
        }
        cmd.add(DATABASE);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", server.password());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pgbench: " + e.getMessage(), e);
        }
    }

    private static String find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path p = Path.of(dir, "pgbench");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
