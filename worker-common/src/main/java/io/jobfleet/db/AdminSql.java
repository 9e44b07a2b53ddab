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
    private final JobSearchSql jobs;
    private final AuditSql audit;
    private final WorkerRegistrySql workers;

    AdminSql(Jdbi jdbi, String schema) {
        this.stats = new StatsSql(jdbi, schema);
        this.diagnose = new DiagnoseSql(jdbi, schema);
        this.unlock = new UnlockSql(jdbi, schema);
        this.retry = new RetrySql(jdbi, schema);
        this.prune = new PruneSql(jdbi, schema);
        this.health = new HealthSql(jdbi, schema);
        this.flow = new FlowControlSql(jdbi, schema);
        this.jobs = new JobSearchSql(jdbi, schema);
        this.audit = new AuditSql(jdbi, schema);
        this.workers = new WorkerRegistrySql(jdbi, schema);
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

    /** The console's jobs list and job detail. */
    public JobSearchSql jobs() {
        return jobs;
    }

    /** The console's audit of actions. */
    public AuditSql audit() {
        return audit;
    }

    /** The registry of live worker processes. */
    public WorkerRegistrySql workers() {
        return workers;
    }
}
