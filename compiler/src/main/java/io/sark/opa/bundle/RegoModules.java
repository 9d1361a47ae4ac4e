package io.sark.opa.bundle;

import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParseException;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompileException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses a bundle's {@code .rego} files; the syntax errors of all of them fail together, in one
 * {@link RegoCompileException}, each naming {@code origin/path:line:column} and what is wrong.
 */
final class RegoModules {

    private RegoModules() {}

    static boolean isRego(String path) {
        return path.endsWith(".rego");
    }

    /**
     * @param files the bundle's files by path ({@code /a/b.rego})
     * @param versionOf the syntax a file defaults to; {@code import rego.v1} in the file makes it v1 regardless
     */
    static List<RegoModule> parse(String origin, Map<String, byte[]> files, Function<String, RegoVersion> versionOf) {
        List<RegoModule> modules = new ArrayList<>();
        List<RegoError> errors = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!isRego(file.getKey())) {
                continue;
            }
            String source = new String(file.getValue(), StandardCharsets.UTF_8);
            try {
                modules.add(RegoParser.parseModule(origin + file.getKey(), source, versionOf.apply(file.getKey())));
            } catch (RegoParseException e) {
                errors.add(e.error());
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
        return modules;
    }
}
