package io.jobfleet.console;

/** The versions of the webjars served from the classpath (kept with the pom's htmx.version and uplot.version). */
final class Versions {
    static final String HTMX = "2.0.10";
    static final String UPLOT = "1.6.30";

    private Versions() {
    }
}
