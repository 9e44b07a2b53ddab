package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerIdTest {
    @Test
    void anIdNamesItsFamilyHostPidAndASuffixAndGivesItsFamilyBack() {
        String id = WorkerId.generate("documents");
        assertThat(id).matches("documents@[^:]+:" + ProcessHandle.current().pid() + ":[0-9a-f]{6}");
        assertThat(WorkerId.family(id)).isEqualTo("documents");
        assertThat(WorkerId.family("no-at-sign")).isEqualTo("no-at-sign");
    }
}
