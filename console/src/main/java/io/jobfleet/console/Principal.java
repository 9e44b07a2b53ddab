package io.jobfleet.console;

/** Who makes a request: a user signed in with a password, or a script with a bearer token. */
record Principal(String name, Role role, boolean token) {
    boolean mayAct() {
        return role == Role.OPERATOR;
    }

    /** How the audit table names the actor. */
    String actor() {
        return token ? "token:" + name : name;
    }
}
