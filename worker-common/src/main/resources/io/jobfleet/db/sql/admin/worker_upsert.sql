-- A worker's registry row: inserted at start and refreshed once per heartbeat period by the same
-- upsert, so a row pruned while the process was stopped (SIGSTOP, a long GC) comes back.
INSERT INTO {schema}.workers AS w (worker_id, host, pid, version, queue, kinds, concurrency, held, heartbeat_seconds)
VALUES (:workerId, :host, :pid, :version, :queue, :kinds, :concurrency, :held, :heartbeatSeconds)
ON CONFLICT (worker_id) DO UPDATE
   SET held = excluded.held, seen_at = now()
