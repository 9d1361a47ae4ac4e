package io.sark.opa.bundle;

import io.sark.opa.signing.BundleSignatureException;
import io.sark.opa.signing.BundleVerifier;
import io.sark.opa.signing.VerificationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the policies in a policy folder: packed bundles ({@code name.tar.gz}), unpacked bundles (a folder
 * {@code name/} holding {@code policy.wasm}, {@code plan.json} or a {@code .manifest}), and bare modules
 * ({@code name.wasm} with an optional {@code name.data.json}, {@code .data.yaml} or {@code .data.yml} beside it).
 * The {@code .rego} files outside those, at any depth, form one more policy named after the folder, with the
 * {@code data.json}, {@code data.yaml} and {@code data.yml} files beside them as its data, as if the folder were a
 * bundle. With a {@link VerificationConfig}, every bundle must carry a signature that verifies (the loose Rego
 * files one at the folder's root), and bare modules, which cannot carry one, are refused.
 */
public final class PolicyFolder {

    private PolicyFolder() {}

    public static List<PolicySource> discover(Path folder) {
        return discover(folder, null);
    }

    /** As {@link #discover(Path)}, checking bundle signatures when {@code verification} is not null. */
    public static List<PolicySource> discover(Path folder, VerificationConfig verification) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<PolicySource> sources = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        Set<Path> claimed = new HashSet<>();
        try (Stream<Path> children = Files.list(folder).sorted()) {
            for (Path child : (Iterable<Path>) children::iterator) {
                PolicySource source = read(folder, child, verification);
                if (source != null) {
                    claimed.add(child);
                    add(sources, origins, source);
                }
            }
            PolicySource loose = looseRego(folder, claimed, verification);
            if (loose != null) {
                add(sources, origins, loose);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list policy folder " + folder, e);
        }
        return sources;
    }

    private static void add(List<PolicySource> sources, Map<String, String> origins, PolicySource source) {
        String earlier = origins.putIfAbsent(source.name(), source.origin());
        if (earlier != null) {
            throw new BundleException("two policies are named '" + source.name() + "': " + earlier + " and "
                    + source.origin());
        }
        sources.add(source);
    }

    /** The {@code .rego} and data files outside bundles and bare modules, read as one bundle; null when no Rego. */
    private static PolicySource looseRego(Path folder, Set<Path> claimed, VerificationConfig verification)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                Path relative = folder.relativize(file);
                String name = file.getFileName().toString();
                boolean regoOrData = name.endsWith(".rego") || BundleReader.isDataFile(name);
                if (regoOrData && !claimed.contains(folder.resolve(relative.getName(0)))) {
                    files.put(BundleReader.normalize(relative.toString()), Files.readAllBytes(file));
                }
            }
        }
        if (files.keySet().stream().noneMatch(path -> path.endsWith(".rego"))) {
            return null;
        }
        String name = folder.getFileName().toString();
        Path signatures = folder.resolve(BundleVerifier.SIGNATURES_FILE);
        if (verification != null && Files.isRegularFile(signatures)) {
            files.put("/" + BundleVerifier.SIGNATURES_FILE, Files.readAllBytes(signatures));
        }
        verify(name, files, verification);
        return BundleReader.read(name, name, files);
    }

    private static void verify(String origin, Map<String, byte[]> files, VerificationConfig verification) {
        if (verification != null) {
            try {
                BundleVerifier.verify(files, verification);
            } catch (BundleSignatureException e) {
                throw new BundleException(origin + ": " + e.getMessage(), e);
            }
        }
    }

    private static PolicySource read(Path folder, Path child, VerificationConfig verification) throws IOException {
        String fileName = child.getFileName().toString();
        String origin = folder.getFileName() + "/" + fileName;
        if (Files.isDirectory(child)) {
            Map<String, byte[]> files = filesOf(child);
            boolean isBundle = files.containsKey("/.manifest") || files.containsKey("/policy.wasm")
                    || files.containsKey("/plan.json");
            if (!isBundle) {
                return null;
            }
            verify(origin, files, verification);
            return BundleReader.read(fileName, origin, files);
        }
        if (fileName.endsWith(".tar.gz")) {
            Map<String, byte[]> files;
            try (InputStream in = Files.newInputStream(child)) {
                files = BundleReader.unpack(origin, in);
            }
            verify(origin, files, verification);
            return BundleReader.read(fileName.substring(0, fileName.length() - ".tar.gz".length()), origin, files);
        }
        if (fileName.endsWith(".wasm")) {
            if (verification != null) {
                throw new BundleSignatureException(origin + ": a bare module cannot be signed; put it in a signed"
                        + " bundle");
            }
            String name = fileName.substring(0, fileName.length() - ".wasm".length());
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("/policy.wasm", Files.readAllBytes(child));
            for (String extension : List.of("json", "yaml", "yml")) {
                Path data = child.resolveSibling(name + ".data." + extension);
                if (Files.isRegularFile(data)) {
                    byte[] content = Files.readAllBytes(data);
                    // checked here so that the error names the file the user wrote, not the bundle's data.json
                    DataDocument.parseFile(folder.getFileName() + "/" + data.getFileName(), data.toString(), content);
                    files.put("/data." + extension, content);
                }
            }
            return BundleReader.read(name, origin, files);
        }
        return null; // data files beside a module, READMEs and the like
    }

    private static Map<String, byte[]> filesOf(Path bundle) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(bundle)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                files.put(BundleReader.normalize(bundle.relativize(file).toString()), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
