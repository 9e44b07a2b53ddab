package io.jobfleet.mapping;

/**
 * A function of the app's that a family's handlers call, in the schema of one of its mapped
 * tables; {@code check} and {@code run} verify that it exists with these argument types and that
 * the connected role may execute it.
 *
 * @param name          the function's name, e.g. {@code ai_remaining_tokens}
 * @param arguments     its argument types as {@code to_regprocedure} takes them, e.g. {@code text, bigint}
 * @param schemaOfTable the key of the table whose schema holds it, e.g. {@code ai_usage_ledger}
 * @param howToCreate   what creates it, for the check's message, e.g. where the docs give it
 */
public record FunctionSpec(String name, String arguments, String schemaOfTable, String howToCreate) {
}
