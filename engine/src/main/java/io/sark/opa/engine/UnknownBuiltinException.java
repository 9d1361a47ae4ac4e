package io.sark.opa.engine;

import java.util.List;
import java.util.SortedSet;

/** The module imports builtins that neither OPA's catalogue here nor the application's own builtins provide. */
public class UnknownBuiltinException extends PolicyLoadException {

    private final List<String> builtins;

    public UnknownBuiltinException(String policy, SortedSet<String> builtins) {
        super("policy '" + policy + "' needs builtin" + (builtins.size() > 1 ? "s " : " ")
                + String.join(", ", builtins) + " that no host implementation provides");
        this.builtins = List.copyOf(builtins);
    }

    /** The missing builtins' names, sorted. */
    public List<String> builtins() {
        return builtins;
    }
}
