package io.sark.opa.rego;

/** A {@code #} comment; text is everything after the {@code #}. */
public record Comment(Location loc, String text) {}
