package io.sark.opa.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a policy's data costs in memory per instance (issue #18): the sample gateway's plan policy over a role
 * document of about 4 MB, with 1, 2 and 8 instances that have each decided once, with the data shared by all
 * instances and with a private copy in each. Heap retained is read after full collections, not timed; run it
 * with {@code -XX:+UseSerialGC} so that a collection compacts everything. Prints a table and, given a path,
 * writes the figures there as JSON for {@code report.py}.
 */
public final class DataMemoryBenchmark {

    static final int ROLE_DATA_BYTES = 4 << 20;
    static final int[] INSTANCES = {1, 2, 8};
    private static final String[] ROLES = {"admin", "developer", "analyst", "guest"};

    private DataMemoryBenchmark() {}

    public static void main(String[] args) throws IOException {
        BenchPolicy gateway = PolicyCatalog.load("plan:gateway-tools@gateway/tools/allow");
        WasmModule module = Parser.parse(gateway.wasm());
        Function<Instance, Machine> machine = MachineFactoryCompiler.compile(module);
        byte[] roles = roleData(ROLE_DATA_BYTES);
        List<String> rows = new ArrayList<>();
        retained(module, machine, gateway, roles, true, 1); // warm-up: what the first policy loads once for all
        long image = OpaPolicy.builder("gateway", module).withMachineFactory(machine).withData(roles).build()
                .sharedDataBytes();
        System.err.printf(Locale.ROOT, "role data: %,d bytes of JSON; the shared image of the parsed data: %,d bytes"
                + " (%.1fx)%n", roles.length, image, (double) image / roles.length);
        System.err.printf(Locale.ROOT, "%-8s %9s %14s %14s %16s %12s%n", "data", "instances", "total bytes",
                "data bytes", "per extra inst.", "data / JSON");
        for (boolean shared : new boolean[] {true, false}) {
            long empty = retained(module, machine, gateway, "{}".getBytes(StandardCharsets.UTF_8), shared, 1);
            long single = 0;
            for (int n : INSTANCES) {
                long total = retained(module, machine, gateway, roles, shared, n);
                if (n == 1) {
                    single = total;
                }
                long perExtra = n == 1 ? 0 : (total - single) / (n - 1);
                long data = single - empty; // the data's share of one instance and its policy
                String mode = shared ? "shared" : "private";
                System.err.printf(Locale.ROOT, "%-8s %9d %,14d %,14d %,16d %11.1fx%n", mode, n, total, data,
                        perExtra, (double) data / roles.length);
                rows.add(String.format(Locale.ROOT, "{\"mode\":\"%s\",\"instances\":%d,\"totalBytes\":%d,"
                        + "\"perExtraInstanceBytes\":%d,\"dataBytes\":%d,\"jsonBytes\":%d,\"imageBytes\":%d}",
                        mode, n, total, perExtra, data, roles.length, image));
            }
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), "[\n" + String.join(",\n", rows) + "\n]\n");
        }
    }

    /**
     * Heap retained by one policy over {@code data} and {@code n} instances that each decided once. The module and
     * its compiled machine are made before the first reading, so only what the policy and instances hold counts.
     */
    private static long retained(WasmModule module, Function<Instance, Machine> machine, BenchPolicy gateway,
            byte[] data, boolean shared, int n) {
        long before = usedHeap();
        OpaPolicy policy = OpaPolicy.builder("gateway", module).withMachineFactory(machine).withData(data)
                .withSharedData(shared).build();
        List<OpaInstance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OpaInstance instance = policy.newInstance();
            instance.evaluate(gateway.entrypoint(), gateway.input(), SarkEngine.DEFAULT_TIMEOUT);
            instances.add(instance);
        }
        long after = usedHeap();
        Reference.reachabilityFence(instances);
        Reference.reachabilityFence(policy);
        return after - before;
    }

    /** The gateway's tools with {@code bytes} of users, each with one of the gateway's roles; alice is admin. */
    static byte[] roleData(int bytes) {
        StringBuilder users = new StringBuilder("\"alice\":{\"role\":\"admin\"}");
        for (int i = 0; users.length() < bytes; i++) {
            users.append(",\"user").append(i).append("\":{\"role\":\"").append(ROLES[i % ROLES.length]).append("\"}");
        }
        return ("{\"gateway\":{\"users\":{" + users + "},\"tools\":{"
                + "\"search\":{\"roles\":[\"admin\",\"developer\",\"analyst\",\"guest\"]},"
                + "\"deploy\":{\"roles\":[\"admin\"]},\"code-review\":{\"roles\":[\"admin\",\"developer\"]},"
                + "\"reports\":{\"roles\":[\"admin\",\"analyst\"]}}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static long usedHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // a fixed number of full collections, with pauses for reference processing (cleaners, soft references free
        // only on a later cycle): stopping at the first collection that frees nothing left garbage of the previous
        // reading in the next one's baseline, and retained sizes came out negative
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
