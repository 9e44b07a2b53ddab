package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits on a JSON Schema that comes from outside (a job's payload), checked before the schema
 * is compiled or sent anywhere: its size, its nesting, its number of {@code anyOf}/{@code oneOf}/
 * {@code allOf} alternatives, and the number of subschemas it expands to when every {@code $ref}
 * is followed, which is what makes nested alternatives behind references blow up exponentially.
 * A {@code $ref} must point inside the schema ({@code #...}) and must not lead back to itself.
 */
public final class SchemaBounds {
    /** Characters of the schema as compact JSON. */
    public static final int MAX_CHARS = 100_000;
    /** Nesting of JSON objects and arrays. */
    public static final int MAX_DEPTH = 32;
    /** {@code anyOf}, {@code oneOf} and {@code allOf} alternatives, summed over the schema. */
    public static final int MAX_BRANCHES = 128;
    /** Subschemas once every {@code $ref} is replaced by its target. */
    public static final int MAX_EXPANDED = 10_000;

    private final JsonNode root;
    /** Expansion of each reference target already walked, by node identity (two spellings, one target). */
    private final Map<JsonNode, Long> expandedByTarget = new IdentityHashMap<>();
    /** The references being followed, outermost first, with their targets. */
    private final List<String> following = new ArrayList<>();
    private final List<JsonNode> followingTargets = new ArrayList<>();
    private int branches;

    private SchemaBounds(JsonNode root) {
        this.root = root;
    }

    /** Throws {@link IllegalArgumentException} naming the first limit {@code schema} breaks. */
    public static void check(JsonNode schema) {
        int chars = schema.toString().length();
        if (chars > MAX_CHARS) {
            throw new IllegalArgumentException("is too large (" + chars + " characters; at most " + MAX_CHARS + ")");
        }
        new SchemaBounds(schema).walk(schema, 1);
    }

    /** The number of objects {@code node} expands to, following references. */
    private long walk(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        long count = node.isObject() ? 1 : 0;
        if (node.isObject()) {
            for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
                JsonNode alternatives = node.get(combinator);
                if (alternatives != null && alternatives.isArray()) {
                    branches += alternatives.size();
                    if (branches > MAX_BRANCHES) {
                        throw new IllegalArgumentException("has too many anyOf/oneOf/allOf alternatives (more than "
                                + MAX_BRANCHES + ")");
                    }
                }
            }
            for (String keyword : new String[] {"$ref", "$dynamicRef", "$recursiveRef"}) {
                JsonNode ref = node.get(keyword);
                if (ref != null && ref.isTextual()) {
                    count = bounded(count + expandRef(ref.asText()));
                }
            }
        }
        for (JsonNode child : node) {
            count = bounded(count + walk(child, depth + 1));
        }
        return count;
    }

    private long expandRef(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("has a $ref outside the schema (" + shorten(ref)
                    + "); only local references such as #/$defs/item are allowed");
        }
        JsonNode target;
        try {
            target = root.at(ref.substring(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a $ref that is not a JSON pointer (" + shorten(ref) + ")");
        }
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("has a $ref to nothing (" + shorten(ref) + ")");
        }
        if (followingTargets.stream().anyMatch(t -> t == target)) {
            throw new IllegalArgumentException("has a $ref cycle (" + String.join(" -> ", following)
                    + " -> " + shorten(ref) + ")");
        }
        Long known = expandedByTarget.get(target);
        if (known != null) {
            return known;
        }
        if (following.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("has $refs nested too deeply (more than " + MAX_DEPTH + ")");
        }
        following.add(shorten(ref));
        followingTargets.add(target);
        long count = walk(target, 1);
        following.remove(following.size() - 1);
        followingTargets.remove(followingTargets.size() - 1);
        expandedByTarget.put(target, count);
        return count;
    }

    private static long bounded(long count) {
        if (count > MAX_EXPANDED) {
            throw new IllegalArgumentException("expands to more than " + MAX_EXPANDED + " subschemas when its "
                    + "$refs are followed (nested anyOf/oneOf alternatives multiply)");
        }
        return count;
    }

    private static String shorten(String ref) {
        return ref.length() <= 80 ? ref : ref.substring(0, 77) + "...";
    }
}
