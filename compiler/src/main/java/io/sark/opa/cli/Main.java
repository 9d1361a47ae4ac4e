package io.sark.opa.cli;

import io.sark.opa.conformance.ConformanceRun;
import io.sark.opa.conformance.PlanOrigin;
import io.sark.opa.conformance.PolicyHost;
import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.plan.PlanReader;
import io.sark.opa.plan.Policy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sark-opa} command line:
 * <pre>
 *   build PLAN.json|PLAN-BUNDLE.tar.gz [-o policy.wasm | --bundle bundle.tar.gz] [--data data.json]
 *   conformance DIR [--category NAME] [--host engine|harness] [--from-modules] [--failures]
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
        if (args.size() != 1) {
            throw new UsageException("build takes one plan file");
        }
        if (output != null && bundle != null) {
            throw new UsageException("build writes either -o policy.wasm or --bundle bundle.tar.gz");
        }
        Path planFile = Path.of(args.get(0));
        PlanSource source = PlanSource.read(planFile);
        Policy policy = PlanReader.read(planFile.toString(), source.planJson());
        byte[] wasm = PlanCompiler.withBundledRuntime().compile(planFile.toString(), policy);
        if (bundle != null) {
            byte[] dataJson = data == null ? source.dataJson() : Files.readAllBytes(Path.of(data));
            Files.write(Path.of(bundle), BundleWriter.write(wasm, policy, dataJson));
            out.println("wrote " + bundle + " (" + policy.plans().size() + " entrypoints)");
        } else {
            if (data != null) {
                throw new UsageException("--data goes with --bundle");
            }
            Path target = Path.of(output == null ? "policy.wasm" : output);
            Files.write(target, wasm);
            out.println("wrote " + target + " (" + wasm.length + " bytes, " + policy.plans().size() + " entrypoints)");
        }
        return 0;
    }

    private static int conformance(List<String> args, PrintStream out) {
        String category = option(args, "--category");
        String hostName = option(args, "--host");
        boolean failures = args.remove("--failures");
        PlanOrigin origin = args.remove("--from-modules") ? PlanOrigin.MODULES : PlanOrigin.OPA_PLAN;
        if (args.size() != 1) {
            throw new UsageException("conformance takes one directory of case files");
        }
        PolicyHost.Kind host;
        try {
            host = hostName == null ? PolicyHost.Kind.ENGINE : PolicyHost.Kind.valueOf(hostName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--host is engine or harness, not " + hostName);
        }
        ConformanceRun run = ConformanceRun.run(Path.of(args.get(0)), category, PlanCompiler.withBundledRuntime(),
                Builtins.defaults(), host, origin);
        out.println(run.report(failures));
        return run.failed() == 0 ? 0 : 1;
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
                       sark-opa conformance DIR [--category NAME] [--host engine|harness] [--from-modules] [--failures]
                build:        compiles OPA IR plan JSON, or the bundle of opa build -t plan, to an OPA-ABI 1.3 wasm module
                conformance:  runs every case file under DIR; prints a table per category, last line "N passed, M failed"
                              --host engine (default) runs on io.sark.opa.engine; harness on a minimal host
                              --from-modules compiles each case's Rego modules with our Rego compiler instead of
                              using OPA's plan""";
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
