package io.jobfleet.engine;

/**
 * The progress of one attempt: the latest value its handler reported, the last one written to the
 * job row and when, and the family's mirror onto the app's row. Writes of one attempt take
 * {@link #writeLock} so that an older value never lands after a newer one.
 */
final class AttemptProgress {
    final Object writeLock = new Object();
    private Progress latest;
    private Progress written;
    private long lastWriteNanos;
    private boolean everWritten;
    private volatile ProgressMirror mirror = ProgressMirror.NONE;

    synchronized void report(Progress p) {
        latest = p;
    }

    /** The latest value when it is not written yet, else null. */
    synchronized Progress unwritten() {
        return latest == null || latest.sameAs(written) ? null : latest;
    }

    /** When the next write may go (coalescing): {@code interval} after the last one. */
    synchronized long writableAtNanos(long intervalNanos) {
        return everWritten ? lastWriteNanos + intervalNanos : Long.MIN_VALUE;
    }

    /** A write of {@code p} was tried at {@code nanos}; {@code landed} when it is stored (or fenced out). */
    synchronized void tried(Progress p, long nanos, boolean landed) {
        everWritten = true;
        lastWriteNanos = nanos;
        if (landed) {
            written = p;
        }
    }

    ProgressMirror mirror() {
        return mirror;
    }

    void mirror(ProgressMirror m) {
        this.mirror = m == null ? ProgressMirror.NONE : m;
    }
}
