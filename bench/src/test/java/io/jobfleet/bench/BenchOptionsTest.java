package io.jobfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A count or a time that cannot be meant is refused before anything starts, as a misspelled option is. */
class BenchOptionsTest {
    @ParameterizedTest
    @CsvSource({
        "--jobs, -5, '--jobs must be at least 1 (got -5)'",
        "--warmup-seconds, -1, '--warmup-seconds must be at least 0 (got -1)'",
        "--runs, 0, '--runs must be at least 1 (got 0)'",
        "--concurrency, '8,0', '--concurrency must be at least 1 (got 0)'",
        "--table-sizes, '0,-3', '--table-sizes must be at least 0 (got -3)'",
        "--backlog, -1, '--backlog must be at least 0 (got -1)'",
    })
    void refusesACountThatCannotBeMeant(String option, String value, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int exit = cl.execute(option, value, "--db-url", "jdbc:postgresql://127.0.0.1:1/never-reached");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).doesNotContain("bench: starting");
    }
}
