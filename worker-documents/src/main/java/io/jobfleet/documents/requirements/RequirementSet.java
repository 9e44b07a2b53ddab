package io.jobfleet.documents.requirements;

import io.jobfleet.text.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the requirements the model found in each chunk of one document: drops those with no
 * text or a page outside the document (with a warning in the log), gives those without an
 * identifier a stable one from their text, and keeps one requirement per reference (the one on
 * the earliest page). Not thread-safe: one per job.
 */
final class RequirementSet {
    private static final Logger log = LoggerFactory.getLogger(RequirementSet.class);
    private static final Set<String> CATEGORIES =
            Set.of("functional", "non_functional", "security", "performance", "compliance", "other");
    private static final Set<String> PRIORITIES = Set.of("high", "medium", "low");
    private static final int MAX_REFERENCE_CHARS = 100;

    private record Entry(RequirementsAnswer.Found found, String reference, int page, int arrival) {
    }

    private final String documentId;
    private final int pageCount;
    private final Map<String, Entry> byReference = new LinkedHashMap<>();
    private int arrivals;
    private int dropped;

    RequirementSet(String documentId, int pageCount) {
        this.documentId = documentId;
        this.pageCount = pageCount;
    }

    void addAll(List<RequirementsAnswer.Found> found, Chunk chunk) {
        for (RequirementsAnswer.Found f : found) {
            add(f, chunk);
        }
    }

    private void add(RequirementsAnswer.Found f, Chunk chunk) {
        if (f == null || f.text() == null || f.text().isBlank()) {
            drop(chunk, "it has no text");
            return;
        }
        Integer page = f.sourcePage();
        if (page == null || page < 1 || page > pageCount) {
            drop(chunk, "its page " + page + " is outside the document's pages 1-" + pageCount);
            return;
        }
        String reference = reference(f);
        Entry entry = new Entry(f, reference, page, arrivals++);
        Entry earlier = byReference.get(reference);
        if (earlier == null || page < earlier.page()) {
            byReference.put(reference, entry);
        }
    }

    private void drop(Chunk chunk, String why) {
        dropped++;
        log.warn("document {}: dropped a requirement of chunk {} (pages {}-{}) because {}", documentId,
                chunk.index(), chunk.firstPage(), chunk.lastPage(), why);
    }

    /** The requirements in document order (page, then as found), numbered from 1. */
    List<Requirement> result() {
        List<Entry> entries = new ArrayList<>(byReference.values());
        entries.sort(Comparator.comparingInt(Entry::page).thenComparingInt(Entry::arrival));
        List<Requirement> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            RequirementsAnswer.Found f = e.found();
            out.add(new Requirement(e.reference(), f.text().strip(), oneOf(f.category(), CATEGORIES, "other"),
                    oneOf(f.priority(), PRIORITIES, "medium"), e.page(), out.size() + 1));
        }
        return out;
    }

    int dropped() {
        return dropped;
    }

    static String reference(RequirementsAnswer.Found f) {
        String given = f.reference() == null ? "" : f.reference().strip().replaceAll("[\\s:]+$", "");
        if (!given.isEmpty() && given.length() <= MAX_REFERENCE_CHARS) {
            return given;
        }
        String normalized = f.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return "REQ-" + sha256Hex(normalized).substring(0, 8);
    }

    private static String oneOf(String value, Set<String> allowed, String fallback) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return allowed.contains(v) ? v : fallback;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
