package io.jobfleet.fleet.chaos;

import java.time.Instant;

/** One thing the chaos run did, for the report: what, to which worker pid, when. */
record Disruption(String what, long pid, Instant at) {
}
