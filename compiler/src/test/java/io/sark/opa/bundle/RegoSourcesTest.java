package io.sark.opa.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.rego.RegoError;
import io.sark.opa.regoc.RegoCompileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rego in the policy folder: loose files and bundles, syntax versions, entrypoints, and what it decides. */
class RegoSourcesTest {

    private static final String AUTHZ = """
            package authz

            # METADATA
            # title: may the user read
            # entrypoint: true
            allow if data.authz.roles[input.user] == "admin"

            allow if input.user in data.readers.names

            reason := "admin" if allow
            """;

    @TempDir
    Path policies;

    @Test
    void looseRegoFilesAndNestedDataFormOnePolicyNamedAfterTheFolder() throws IOException {
        Files.createDirectories(policies.resolve("authz"));
        Files.writeString(policies.resolve("authz/authz.rego"), AUTHZ);
        Files.writeString(policies.resolve("authz/data.json"), "{\"roles\": {\"alice\": \"admin\"}}");
        Files.createDirectories(policies.resolve("readers"));
        Files.writeString(policies.resolve("readers/data.yaml"), "names: [bob]\n");
        Files.writeString(policies.resolve("README.md"), "not a policy");

        List<PolicySource> sources = PolicyFolder.discover(policies);

        assertThat(sources).singleElement().satisfies(source -> {
            assertThat(source.kind()).isEqualTo(PolicySource.Kind.REGO);
            assertThat(source.name()).isEqualTo(policies.getFileName().toString());
            assertThat(source.entrypoints()).containsExactly("authz/allow");
            OpaInstance policy = compile(source, source.entrypoints());
            assertThat(decide(policy, "authz/allow", "{\"user\":\"alice\"}")).isEqualTo("[{\"result\":true}]");
            assertThat(decide(policy, "authz/allow", "{\"user\":\"bob\"}")).isEqualTo("[{\"result\":true}]");
            assertThat(decide(policy, "authz/allow", "{\"user\":\"carol\"}")).isEqualTo("[]");
        });
    }

    @Test
    void looseRegoSitsBesideBundlesAndBareModulesWithoutTakingTheirFiles() throws IOException {
        Files.writeString(policies.resolve("authz.rego"), AUTHZ);
        Files.createDirectories(policies.resolve("other"));
        Files.writeString(policies.resolve("other/.manifest"), "{}");
        Files.writeString(policies.resolve("other/x.rego"), "package other\n\n# METADATA\n# entrypoint: true\np := 1\n");
        Files.writeString(policies.resolve("other/data.json"), "{\"in\": \"other\"}");

        List<PolicySource> sources = PolicyFolder.discover(policies);

        assertThat(sources).extracting(PolicySource::name).containsExactly("other", policies.getFileName().toString());
        assertThat(sources.get(0).entrypoints()).containsExactly("other/p");
        assertThat(new String(sources.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void theManifestsRegoVersionChoosesTheSyntaxAndImportRegoV1OverridesIt() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/.manifest", utf8("{\"rego_version\": 0, \"file_rego_versions\": {\"/v1/*.rego\": 1}}"));
        files.put("/old.rego", utf8("package old\n\nallow { input.x == 1 }\n"));
        files.put("/new.rego", utf8("package fresh\n\nimport rego.v1\n\nallow if input.x == 1\n"));
        files.put("/v1/also.rego", utf8("package also\n\nallow if input.x == 1\n"));

        PolicySource source = BundleReader.read("mixed", "policies/mixed", files);

        OpaInstance policy = compile(source, List.of("old/allow", "fresh/allow", "also/allow"));
        for (String entrypoint : List.of("old/allow", "fresh/allow", "also/allow")) {
            assertThat(decide(policy, entrypoint, "{\"x\":1}")).as(entrypoint).isEqualTo("[{\"result\":true}]");
            assertThat(decide(policy, entrypoint, "{\"x\":2}")).as(entrypoint).isEqualTo("[]");
        }
    }

    @Test
    void v0SyntaxInAV1BundleIsASyntaxErrorNamingFileLineAndColumn() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/.manifest", utf8("{\"rego_version\": 1}"));
        files.put("/old.rego", utf8("package old\n\nallow { input.x == 1 }\n"));

        assertThatThrownBy(() -> BundleReader.read("v1", "policies/v1.tar.gz", files))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: policies/v1.tar.gz/old.rego:3:7: rego_parse_error: expected 'if' before"
                        + " the rule body (Rego v1) but found '{'");
    }

    @Test
    void theSyntaxErrorsOfEveryModuleAreReportedTogether() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/a.rego", utf8("package a\n\nallow if {\n"));
        files.put("/ok.rego", utf8("package ok\n\nallow := true\n"));
        files.put("/b.rego", utf8("package b\n\nx := [1, 2\n"));

        assertThatThrownBy(() -> BundleReader.read("two", "policies/two", files))
                .isInstanceOf(RegoCompileException.class)
                .satisfies(e -> assertThat(((RegoCompileException) e).errors()).extracting(RegoError::code)
                        .containsExactly(RegoError.PARSE, RegoError.PARSE))
                .hasMessageStartingWith("2 errors occurred:\npolicies/two/a.rego:4:1: rego_parse_error: ")
                .hasMessageContaining("\npolicies/two/b.rego:4:1: rego_parse_error: ");
    }

    @Test
    void aRegoVersionOtherThanZeroOrOneIsRefused() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/.manifest", utf8("{\"rego_version\": 2}"));
        files.put("/p.rego", utf8("package p\n"));

        assertThatThrownBy(() -> BundleReader.read("p", "policies/p", files))
                .hasMessage("policies/p: .manifest rego_version must be 0 or 1, not 2");
    }

    @Test
    void aCompileErrorNamesFileLineAndColumn() throws IOException {
        Files.writeString(policies.resolve("bad.rego"), "package bad\n\nallow if {\n  x == 1\n}\n");
        PolicySource source = PolicyFolder.discover(policies).get(0);

        assertThatThrownBy(() -> RegoWasm.compile(source.origin(), source.regoModules(), List.of("bad/allow")))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: " + policies.getFileName() + "/bad.rego:4:3: rego_unsafe_var_error: var x is unsafe");
    }

    @Test
    void toWasmReportsTheCompileErrorsOfAllModulesAtOnce() throws IOException {
        Files.writeString(policies.resolve("a.rego"), "package bad\n\nallow if {\n  x == 1\n}\n");
        Files.writeString(policies.resolve("b.rego"), "package bad\n\ndeny if {\n  input.y\n}\n\nother if y > 2\n");
        PolicySource source = PolicyFolder.discover(policies).get(0);
        String dir = policies.getFileName().toString();

        assertThatThrownBy(() -> PolicyCompiler.toWasm(source, List.of("bad/allow")))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("2 errors occurred:\n"
                        + dir + "/a.rego:4:3: rego_unsafe_var_error: var x is unsafe\n"
                        + dir + "/b.rego:7:10: rego_unsafe_var_error: var y is unsafe");
    }

    @Test
    void toWasmReportsThePlanningErrorsOfEveryRule() throws IOException {
        Files.writeString(policies.resolve("a.rego"), "package bad\n\nallow if nosuch(1)\n\ndeny if count([1], 2, 3)\n");
        PolicySource source = PolicyFolder.discover(policies).get(0);
        String dir = policies.getFileName().toString();

        assertThatThrownBy(() -> PolicyCompiler.toWasm(source, List.of("bad/allow")))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("2 errors occurred:\n"
                        + dir + "/a.rego:3:10: rego_type_error: undefined function nosuch\n"
                        + dir + "/a.rego:5:9: rego_type_error: count: wrong number of arguments: got 3, want 1");
    }

    @Test
    void httpSendFailsTheBuildNamingTheCallAndRemoteEvaluation() throws IOException {
        Files.writeString(policies.resolve("net.rego"), "package net\n\nallow if {\n"
                + "  resp := http.send({\"method\": \"GET\", \"url\": input.url})\n  resp.status_code == 200\n}\n");
        PolicySource source = PolicyFolder.discover(policies).get(0);

        assertThatThrownBy(() -> PolicyCompiler.toWasm(source, List.of("net/allow")))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: " + policies.getFileName() + "/net.rego:4:11: rego_compile_error: http.send"
                        + " is unsupported by design in embedded evaluation: it would make a network call inside a"
                        + " decision; evaluate this policy remotely instead (see docs/remote.md)");
    }

    @Test
    void requestedEntrypointsMustLeadToARuleAndAPolicyNeedsOne() throws IOException {
        Files.writeString(policies.resolve("p.rego"), "package a.b\n\nallow := true\n");
        PolicySource source = PolicyFolder.discover(policies).get(0);

        assertThat(RegoEntrypoints.select("o", source.regoModules(), List.of("data.a.b.allow", "a/b")))
                .containsExactly("a/b/allow", "a/b");
        assertThatThrownBy(() -> RegoEntrypoints.select("o", source.regoModules(), List.of("a/c")))
                .hasMessage("o: entrypoint 'a/c' refers to no rule of its Rego modules");
        assertThatThrownBy(() -> RegoEntrypoints.select("o", source.regoModules(), List.of()))
                .hasMessageStartingWith("o: Rego policy without entrypoints");
    }

    private static OpaInstance compile(PolicySource source, List<String> entrypoints) {
        byte[] wasm = RegoWasm.compile(source.origin(), source.regoModules(), entrypoints);
        return OpaPolicy.builder(source.name(), Parser.parse(wasm)).withData(source.data())
                .withBuiltins(Builtins.defaults()).build().newInstance();
    }

    private static String decide(OpaInstance policy, String entrypoint, String input) {
        return policy.evaluate(entrypoint, utf8(input), Duration.ofSeconds(5));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
