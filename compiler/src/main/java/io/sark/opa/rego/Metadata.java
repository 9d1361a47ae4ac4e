package io.sark.opa.rego;

/**
 * A {@code # METADATA} comment block: the YAML below the marker line, kept as raw text (each line without its
 * {@code #} and one following space), attached to the package or rule that follows it.
 */
public record Metadata(Location loc, String yaml, boolean entrypoint) {}
