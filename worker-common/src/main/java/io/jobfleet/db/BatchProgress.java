package io.jobfleet.db;

/** Told how far a long statement sequence has come (e.g. to draw a progress bar). */
public interface BatchProgress {
    BatchProgress NONE = new BatchProgress() {
        @Override
        public void total(long rows) {
        }

        @Override
        public void advanced(long rows) {
        }
    };

    /** How many rows there are to do, once known. */
    void total(long rows);

    /** {@code rows} more are done. */
    void advanced(long rows);
}
