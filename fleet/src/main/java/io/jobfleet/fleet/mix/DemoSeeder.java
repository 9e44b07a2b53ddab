package io.jobfleet.fleet.mix;

import io.jobfleet.db.Database;
import java.nio.file.Path;
import java.util.List;

/** Creates one family's app rows and jobs for the demo, and says how each job should end. */
public interface DemoSeeder {
    String family();

    List<Expectation> seed(Database db, Path files, DemoSize size) throws Exception;
}
