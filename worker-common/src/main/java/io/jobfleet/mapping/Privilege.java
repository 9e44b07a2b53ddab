package io.jobfleet.mapping;

/** What a family does with a table or column; checked with has_table_privilege / has_column_privilege. */
public enum Privilege {
    SELECT, INSERT, UPDATE, DELETE
}
