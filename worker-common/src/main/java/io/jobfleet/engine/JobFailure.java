package io.jobfleet.engine;

/** A final failure as told to {@link JobHandler#onFailed}: the job is now {@code failed}. */
public record JobFailure(long jobId, int attempt, String errorClass, String message) {
}
