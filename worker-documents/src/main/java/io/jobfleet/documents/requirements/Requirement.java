package io.jobfleet.documents.requirements;

/**
 * A checked requirement, as stored in the {@code requirements} table.
 *
 * @param reference  stable id within the document: the document's own label (e.g. {@code SEC-1})
 *                   or {@code REQ-} and 8 hex digits of the SHA-256 of the normalized text
 * @param sourcePage the page it was found on, from 1
 * @param position   its place in the document's list, from 1
 */
public record Requirement(String reference, String text, String category, String priority, int sourcePage,
                          int position) {
}
