package io.sark.opa.cli;

import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.BundleReader;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.signing.BundleSignatureException;
import io.sark.opa.signing.BundleVerifier;
import io.sark.opa.signing.VerificationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Rego a {@code build} reads, as {@code opa build} does: {@code .rego} and {@code data.json}/{@code data.yaml} files
 * named directly (at the bundle's root), and directories read as bundles (their {@code .rego} files, data files at
 * their directory paths, and a root {@code .manifest} whose {@code rego_version} holds for their files).
 */
final class RegoInputs {

    private RegoInputs() {}

    /** Whether the arguments name Rego rather than a plan: {@code .rego} files or directories. */
    static boolean areRego(List<String> args) {
        return !args.isEmpty() && args.stream().allMatch(a -> a.endsWith(".rego") || Files.isDirectory(Path.of(a)));
    }

    /** {@code verification} (may be null) checks each directory's {@code .signatures.json} first. */
    static PolicySource read(List<String> args, VerificationConfig verification) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String arg : args) {
            Path input = Path.of(arg);
            if (Files.isDirectory(input)) {
                Map<String, byte[]> bundle = new LinkedHashMap<>();
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                        put(bundle, BundleReader.normalize(input.relativize(file).toString()), file);
                    }
                }
                verify(arg, bundle, verification);
                for (Map.Entry<String, byte[]> file : bundle.entrySet()) {
                    if (files.put(file.getKey(), file.getValue()) != null) {
                        throw new IllegalArgumentException(arg + ": two inputs give the bundle path " + file.getKey());
                    }
                }
            } else {
                put(files, "/" + input.getFileName(), input);
            }
        }
        // wasm and plans a directory may hold are not what was asked for: only Rego and data go in
        files.keySet().removeIf(path -> !(path.endsWith(".rego") || path.equals("/.manifest")
                || BundleReader.isDataFile(path.substring(path.lastIndexOf('/') + 1))));
        String origin = String.join(" ", args);
        PolicySource source = BundleReader.read("bundle", origin, files);
        if (source.kind() != PolicySource.Kind.REGO) {
            throw new IllegalArgumentException(origin + ": no .rego files");
        }
        return source;
    }

    /** Checks a bundle's signature when verification is asked for; the error names the bundle. */
    static void verify(String origin, Map<String, byte[]> files, VerificationConfig verification) {
        if (verification != null) {
            try {
                BundleVerifier.verify(files, verification);
            } catch (BundleSignatureException e) {
                throw new BundleException(origin + ": " + e.getMessage(), e);
            }
        }
    }

    private static void put(Map<String, byte[]> files, String path, Path file) throws IOException {
        if (files.put(path, Files.readAllBytes(file)) != null) {
            throw new IllegalArgumentException(file + ": two inputs give the bundle path " + path);
        }
    }
}
