package io.jobfleet.maintenance;

import io.jobfleet.config.RetentionConfig;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.PruneSql;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs past the retention, every prune interval, in short batches so the jobs
 * table stays the size of the live work. Every worker runs one; each batch takes an advisory
 * transaction lock first, so while one worker prunes the others skip their round.
 */
public final class Pruner extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(Pruner.class);
    /** After an error, try again this much sooner than the interval (but not more often than this). */
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final PruneSql sql;
    private final RetentionConfig config;
    private final String workerId;
    private final PruneSql.Filter filter;

    public Pruner(PruneSql sql, RetentionConfig config, String workerId) {
        super("jobfleet-prune");
        this.sql = sql;
        this.config = config;
        this.workerId = workerId;
        this.filter = PruneSql.Filter.allFinished(config.retention());
    }

    @Override
    protected void onStart() {
        LogContext.worker(workerId);
    }

    @Override
    protected Duration runOnce() {
        if (!config.enabled()) {
            return config.interval();
        }
        long deleted = pruneNow();
        if (deleted > 0) {
            log.info("pruned {} finished job(s) older than {}", deleted, RetentionConfig.readable(config.retention()));
        }
        return config.interval();
    }

    /** One round: batches until none is left or another worker holds the lock; returns rows deleted. */
    long pruneNow() {
        long deleted = 0;
        while (!isStopping()) {
            OptionalInt n = sql.deleteBatchIfAlone(filter, config.batch());
            if (n.isEmpty()) {
                log.debug("another worker is pruning; skipping this round");
                break;
            }
            deleted += n.getAsInt();
            if (n.getAsInt() < config.batch()) {
                break;
            }
        }
        return deleted;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            log.debug("prune skipped, database unreachable: {}", e.toString());
        } else {
            log.warn("prune failed: {}", e.toString());
        }
        return config.interval().compareTo(AFTER_FAILURE) < 0 ? config.interval() : AFTER_FAILURE;
    }
}
