package io.jobfleet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, then rows; numbers are right-aligned, text left-aligned. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
        for (int i = 0; i < headers.length; i++) {
            numeric.add(Boolean.TRUE);
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            row.add(c == null ? "-" : c.toString());
            if (!(c instanceof Number) && c != null) {
                numeric.set(i, Boolean.FALSE);
            }
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, String indent) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, indent, headers, width);
        for (List<String> r : rows) {
            line(out, indent, r, width);
        }
    }

    private void line(PrintWriter out, String indent, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            String pad = " ".repeat(width[i] - c.length());
            b.append(numeric.get(i) ? pad + c : last ? c : c + pad);
            if (!last) {
                b.append("  ");
            }
        }
        out.println(b.toString().stripTrailing());
    }
}
