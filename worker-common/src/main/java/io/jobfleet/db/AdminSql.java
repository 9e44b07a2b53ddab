package io.jobfleet.db;

import org.jdbi.v3.core.Jdbi;

/**
 * The statements of the operator tools, apart from the engine's ({@link QueueSql}): their SQL
 * lives in {@code sql/admin/*.sql}. One object per concern.
 */
public final class AdminSql {
    private final StatsSql stats;
    private final DiagnoseSql diagnose;
    private final UnlockSql unlock;
    private final RetrySql retry;
    private final PruneSql prune;
    private final HealthSql health;
    private final FlowControlSql flow;

    AdminSql(Jdbi jdbi, String schema) {
        this.stats = new StatsSql(jdbi, schema);
        this.diagnose = new DiagnoseSql(jdbi, schema);
        this.unlock = new UnlockSql(jdbi, schema);
        this.retry = new RetrySql(jdbi, schema);
        this.prune = new PruneSql(jdbi, schema);
        this.health = new HealthSql(jdbi, schema);
        this.flow = new FlowControlSql(jdbi, schema);
    }

    public StatsSql stats() {
        return stats;
    }

    public DiagnoseSql diagnose() {
        return diagnose;
    }

    public UnlockSql unlock() {
        return unlock;
    }

    public RetrySql retry() {
        return retry;
    }

    public PruneSql prune() {
        return prune;
    }

    public HealthSql health() {
        return health;
    }

    public FlowControlSql flow() {
        return flow;
    }
}
