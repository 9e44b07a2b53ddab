SELECT {schema}.enqueue(:queue, :kind, CAST(:payload AS jsonb), :priority,
                        now() + make_interval(secs => :delaySeconds), :dedupKey, :maxAttempts,
                        :timeoutSeconds)
