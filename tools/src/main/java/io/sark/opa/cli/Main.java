package io.sark.opa.cli;

import io.sark.opa.bundle.PolicyCompiler;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.conformance.ConformanceRun;
import io.sark.opa.conformance.PlanOrigin;
import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.signing.BundleSigner;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
import io.sark.opa.testing.RegoTestSuite;
import io.sark.opa.testing.TestReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code sark-opa} command line:
 * <pre>
 *   build PLAN.json|PLAN-BUNDLE.tar.gz [-o policy.wasm | --bundle bundle.tar.gz] [--data data.json] [SIGNING]
 *   build [-t wasm] [-e ENTRYPOINT]... FILE.rego|DIR... [--bundle bundle.tar.gz [--data data.json] | -o policy.wasm] [SIGNING]
 *   SIGNING: [--signing-key FILE [--signing-alg RS256] [--signing-key-id ID] [--claims-file FILE]]
 *            [--verification-key FILE [--verification-key-id ID] [--scope S] [--exclude-files-verify GLOB]...]
 *   conformance DIR [--category NAME] [--from-modules [--rego-version 0|1 | --v0-compatible]] [--failures]
 *   test [-v] [--rego-version 0|1 | --v0-compatible] FILE.rego|DIR...
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "build" -> build(rest, out);
                case "conformance" -> conformance(rest, out);
                case "test" -> test(rest, out);
                case "help", "--help", "-h" -> {
                    out.println(usage());
                    yield 0;
                }
                default -> {
                    err.println("unknown command " + args[0] + "\n" + usage());
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println(e.getMessage() + "\n" + usage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int build(List<String> args, PrintStream out) throws IOException {
        String output = option(args, "-o");
        String bundle = option(args, "--bundle");
        String data = option(args, "--data");
        List<String> entrypoints = options(args, "-e");
        String target = option(args, "-t");
        String algorithm = option(args, "--signing-alg"); // opa build's one algorithm, to sign and to verify
        BundleWriter.Signing signing = signing(args, algorithm);
        VerificationConfig verification = verification(args, algorithm);
        if (algorithm != null && signing == null && verification == null) {
            throw new UsageException("--signing-alg goes with --signing-key or --verification-key");
        }
        if (target != null && !target.equals("wasm")) {
            throw new UsageException("build -t takes wasm, not " + target);
        }
        if (output != null && bundle != null) {
            throw new UsageException("build writes either -o policy.wasm or --bundle bundle.tar.gz");
        }
        if (RegoInputs.areRego(args)) {
            return buildRego(args, entrypoints, output, bundle, data, signing, verification, out);
        }
        if (args.size() != 1) {
            throw new UsageException("build takes one plan file, or .rego files and directories");
        }
        if (!entrypoints.isEmpty()) {
            throw new UsageException("-e goes with Rego: a plan's entrypoints are its plans");
        }
        Path planFile = Path.of(args.get(0));
        PlanSource source = PlanSource.read(planFile, verification);
        PolicyCompiler.CompiledWasm compiled = PolicyCompiler.toWasm(new PolicySource(planFile.getFileName().toString(),
                planFile.toString(), PolicySource.Kind.PLAN, source.planJson(), null, List.of(), ""), List.of());
        if (bundle != null) {
            byte[] dataJson = data == null ? source.dataJson() : Files.readAllBytes(Path.of(data));
            write(out, bundle, compiled.wasm(), compiled.entrypoints(), dataJson, "", signing);
        } else {
            writeWasm(out, output, data, signing, compiled.wasm(), compiled.entrypoints().size());
        }
        return 0;
    }

    /** Rego to an OPA bundle, as {@code opa build -t wasm -e ENTRYPOINT} does, or with {@code -o} to a bare module. */
    private static int buildRego(List<String> inputs, List<String> requested, String output, String bundle, String data,
            BundleWriter.Signing signing, VerificationConfig verification, PrintStream out) throws IOException {
        PolicySource source = RegoInputs.read(inputs, verification);
        PolicyCompiler.CompiledWasm compiled = PolicyCompiler.toWasm(source, requested);
        if (output != null) {
            writeWasm(out, output, data, signing, compiled.wasm(), compiled.entrypoints().size());
        } else {
            write(out, bundle == null ? "bundle.tar.gz" : bundle, compiled.wasm(), compiled.entrypoints(),
                    data == null ? source.data() : Files.readAllBytes(Path.of(data)), source.revision(), signing);
        }
        return 0;
    }

    /** opa build's signing flags: {@code --signing-key} (a PEM or secret file) and what goes with it. */
    private static BundleWriter.Signing signing(List<String> args, String algorithm) throws IOException {
        String key = option(args, "--signing-key");
        String keyId = option(args, "--signing-key-id");
        String claims = option(args, "--claims-file");
        if (key == null) {
            if (keyId != null || claims != null) {
                throw new UsageException("--signing-key-id and --claims-file go with --signing-key");
            }
            return null;
        }
        // as opa build: the key id is "default" and, with a claims file, the claims replace the keyid claim
        return new BundleWriter.Signing(Files.readString(Path.of(key)), algorithm,
                claims == null ? (keyId == null ? BundleSigner.DEFAULT_KEY_ID : keyId) : keyId,
                claims == null ? null : Files.readAllBytes(Path.of(claims)));
    }

    /** opa build's verification flags: {@code --verification-key} (a PEM or secret file) checks input bundles. */
    private static VerificationConfig verification(List<String> args, String algorithm) throws IOException {
        String key = option(args, "--verification-key");
        String keyId = option(args, "--verification-key-id");
        String scope = option(args, "--scope");
        List<String> exclude = options(args, "--exclude-files-verify");
        if (key == null) {
            if (keyId != null || scope != null || !exclude.isEmpty()) {
                throw new UsageException("--verification-key-id, --scope and --exclude-files-verify go with"
                        + " --verification-key");
            }
            return null;
        }
        String id = keyId == null ? BundleSigner.DEFAULT_KEY_ID : keyId;
        return new VerificationConfig(Map.of(id, new VerificationKey(Files.readString(Path.of(key)), algorithm)), id,
                scope, exclude);
    }

    private static void write(PrintStream out, String bundle, byte[] wasm, List<String> entrypoints, byte[] dataJson,
            String revision, BundleWriter.Signing signing) throws IOException {
        Files.write(Path.of(bundle), BundleWriter.write(wasm, entrypoints, dataJson, revision, signing));
        out.println("wrote " + bundle + " (" + entrypoints.size() + " entrypoints: " + String.join(", ", entrypoints) + ")");
    }

    private static void writeWasm(PrintStream out, String output, String data, BundleWriter.Signing signing,
            byte[] wasm, int entrypoints) throws IOException {
        if (data != null) {
            throw new UsageException("--data goes with --bundle");
        }
        if (signing != null) {
            throw new UsageException("--signing-key goes with --bundle: a bare module has no .signatures.json");
        }
        Path target = Path.of(output == null ? "policy.wasm" : output);
        Files.write(target, wasm);
        out.println("wrote " + target + " (" + wasm.length + " bytes, " + entrypoints + " entrypoints)");
    }

    private static int conformance(List<String> args, PrintStream out) {
        String category = option(args, "--category");
        boolean failures = args.remove("--failures");
        PlanOrigin origin = args.remove("--from-modules") ? PlanOrigin.MODULES : PlanOrigin.OPA_PLAN;
        RegoVersion regoVersion = regoVersion(args);
        if (args.size() != 1) {
            throw new UsageException("conformance takes one directory of case files");
        }
        ConformanceRun run = ConformanceRun.run(Path.of(args.get(0)), category, PlanCompiler.withBundledRuntime(),
                Builtins.defaults(), origin, regoVersion);
        out.println(run.report(failures));
        return run.failed() == 0 ? 0 : 1;
    }

    /**
     * The Rego unit tests under the paths, as {@code opa test} runs them; {@code -v} prints every result, not only
     * those that did not pass. Exits 0 when every test passed.
     */
    private static int test(List<String> args, PrintStream out) {
        boolean verbose = args.remove("-v") | args.remove("--verbose");
        RegoVersion regoVersion = regoVersion(args);
        for (String arg : args) {
            if (arg.startsWith("-")) {
                throw new UsageException("test does not know the option " + arg);
            }
        }
        if (args.isEmpty()) {
            throw new UsageException("test takes .rego files and directories");
        }
        RegoTestSuite suite = RegoTestSuite.load(regoVersion, args.stream().map(Path::of).toList());
        TestReport report = new TestReport(suite.runAll());
        report.print(out, verbose);
        return report.allPassed() ? 0 : 1;
    }

    /** {@code --rego-version 0|1}, or OPA's {@code --v0-compatible}; v1 by default, as OPA 1.x. */
    private static RegoVersion regoVersion(List<String> args) {
        boolean v0Compatible = args.remove("--v0-compatible");
        String version = option(args, "--rego-version");
        if (version == null) {
            return v0Compatible ? RegoVersion.V0 : RegoVersion.V1;
        }
        RegoVersion parsed = switch (version) {
            case "0" -> RegoVersion.V0;
            case "1" -> RegoVersion.V1;
            default -> throw new UsageException("--rego-version is 0 or 1, not " + version);
        };
        if (v0Compatible && parsed != RegoVersion.V0) {
            throw new UsageException("--v0-compatible contradicts --rego-version " + version);
        }
        return parsed;
    }

    /** Removes every {@code name VALUE} from args and returns the VALUEs in order. */
    private static List<String> options(List<String> args, String name) {
        List<String> values = new ArrayList<>();
        for (String value = option(args, name); value != null; value = option(args, name)) {
            values.add(value);
        }
        return values;
    }

    /** Removes {@code name VALUE} from args and returns VALUE, or null when absent. */
    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static String usage() {
        return """
                usage: sark-opa build PLAN.json|PLAN-BUNDLE.tar.gz [-o policy.wasm | --bundle bundle.tar.gz [--data data.json]]
                       sark-opa build [-t wasm] [-e ENTRYPOINT]... FILE.rego|DIR... [--bundle bundle.tar.gz [--data data.json] | -o policy.wasm]
                       sark-opa conformance DIR [--category NAME] [--from-modules [--rego-version 0|1 | --v0-compatible]] [--failures]
                       sark-opa test [-v] [--rego-version 0|1 | --v0-compatible] FILE.rego|DIR...
                build:        compiles OPA IR plan JSON, or the bundle of opa build -t plan, to an OPA-ABI 1.3 wasm module;
                              given Rego, like opa build -t wasm: entrypoints from -e and METADATA entrypoint: true,
                              written as an OPA bundle (default bundle.tar.gz) with /policy.wasm, /data.json, /.manifest
                              --signing-key FILE (PEM private key or HMAC secret) adds /.signatures.json, as opa build:
                              --signing-alg (RS256), --signing-key-id (default), --claims-file; --verification-key FILE
                              checks input bundles' signatures: --verification-key-id, --scope,
                              --exclude-files-verify GLOB (docs/bundle-signing.md)
                conformance:  runs every case file under DIR; prints a table per category, last line "N passed, M failed"
                              on the engine's ABI host (io.sark.opa.engine)
                              --from-modules compiles each case's Rego modules with our Rego compiler instead of
                              using OPA's plan, parsed as Rego v1 unless --rego-version 0 (or --v0-compatible)
                test:         runs the Rego unit tests (test_* rules) under the paths, like opa test; prints each test
                              that did not pass (every test with -v), last line "N passed, M failed" (", K skipped")""";
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
