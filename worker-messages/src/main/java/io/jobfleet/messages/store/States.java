package io.jobfleet.messages.store;

import io.jobfleet.mapping.MappedTable;
import java.util.HashMap;
import java.util.Map;

/** The family's state for an app status word, through the mapping's words. */
final class States {
    private final Map<String, String> byWord = new HashMap<>();

    States(MappedTable t) {
        t.status().words().forEach((state, word) -> byWord.put(word, state));
    }

    /** The family's state of {@code word}, or {@code other:<word>} for a word the mapping does not name. */
    String of(String word) {
        String state = byWord.get(word);
        return state != null ? state : "other:" + word;
    }
}
