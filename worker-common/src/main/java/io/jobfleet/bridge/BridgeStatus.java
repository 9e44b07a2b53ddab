package io.jobfleet.bridge;

import java.util.List;
import java.util.Map;

/**
 * One installed bridge seen from both sides: jobs by jobfleet status, source rows by the app's
 * word, and what does not add up. Mirroring happens in the job's own transaction, so any mismatch
 * is real (the app or an operator changed a row by hand, a trigger was dropped), never a lag.
 *
 * @param mismatched        source rows whose word differs from what their latest job says
 * @param mismatchedIds     the ids of the first of them (at most ten), to look at
 * @param pendingWithoutJob source rows in the pending word (of a mapped kind) with no live job
 * @param pendingWithoutJobIds the ids of the first of them (at most ten)
 * @param jobsWithoutSource jobs of the bridge whose source row was deleted
 * @param missingTriggers   triggers of the bridge that are no longer there
 */
public record BridgeStatus(String name, String sourceTable, String installedAt, Map<String, Long> jobs,
                           Map<String, Long> source, long mismatched, List<String> mismatchedIds,
                           long pendingWithoutJob, List<String> pendingWithoutJobIds,
                           long jobsWithoutSource, List<String> missingTriggers) {
    /** True when nothing is out of line. */
    public boolean ok() {
        return mismatched == 0 && pendingWithoutJob == 0 && missingTriggers.isEmpty();
    }
}
