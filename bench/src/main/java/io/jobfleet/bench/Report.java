package io.jobfleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every figure of one run, with how it was measured, and the context (machine, server, settings).
 * Prints as text; writes as JSON.
 */
final class Report {
    /** One measured value. {@code method} says how it was measured. */
    record Figure(String workload, String system, String name, double value, String unit, String method) {
        Figure withMethod(String newMethod) {
            return new Figure(workload, system, name, value, unit, newMethod);
        }
    }

    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();

    void context(String key, Object value) {
        context.put(key, value);
    }

    synchronized void add(Figure f) {
        figures.add(f);
    }

    void add(String workload, String system, String name, double value, String unit, String method) {
        add(new Figure(workload, system, name, value, unit, method));
    }

    /** Extra structured data of a workload (per-statement counts, per-job times...), JSON only. */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    void note(String text) {
        notes.add(text);
    }

    /** Takes in the figures (each passed through {@code edit}), notes and details of {@code other}. */
    synchronized void absorb(Report other, UnaryOperator<Figure> edit) {
        other.figures.forEach(f -> figures.add(edit.apply(f)));
        notes.addAll(other.notes);
        details.putAll(other.details);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    Optional<Figure> find(String workload, String system, String name) {
        return figures.stream().filter(f -> f.workload().equals(workload) && f.system().equals(system)
                && f.name().equals(name)).findFirst();
    }

    void ratio(String label, double value) {
        ratios.put(label, value);
    }

    Map<String, Double> ratios() {
        return Map.copyOf(ratios);
    }

    void print(PrintWriter out) {
        out.println();
        out.println("jobfleet benchmark report");
        out.println("=========================");
        context.forEach((k, v) -> out.println(pad(k, 22) + format(v)));
        out.println();
        out.printf(Locale.ROOT, "%-11s %-13s %-34s %14s %-8s %s%n", "workload", "system", "figure", "value",
                "unit", "how");
        out.println("-".repeat(120));
        for (Figure f : figures) {
            out.printf(Locale.ROOT, "%-11s %-13s %-34s %14s %-8s %s%n", f.workload(), f.system(), f.name(),
                    number(f.value()), f.unit(), f.method());
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("note: " + n));
        }
        out.println();
        ratios.forEach((label, v) -> out.println(label + ": " + number(v)));
        find("latency", "jobfleet", "p50").ifPresent(f -> out.println("latency p50: " + number(f.value()) + " ms"));
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("context", context);
        root.put("figures", figures);
        root.put("ratios", ratios);
        root.put("notes", notes);
        root.put("details", details);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.2f", v);
    }

    private static String format(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, val) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(val));
            return sb.toString();
        }
        return String.valueOf(v);
    }

    private static String pad(String s, int n) {
        return String.format(Locale.ROOT, "%-" + n + "s", s + ":");
    }
}
