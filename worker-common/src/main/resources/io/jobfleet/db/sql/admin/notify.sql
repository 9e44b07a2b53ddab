SELECT pg_notify(:channel, :queue)
