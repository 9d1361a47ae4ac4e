package io.sark.opa.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import java.util.List;
import java.util.Set;

/**
 * A policy whose module Chicory compiled to JVM classes: what run time loads it from. {@code id} is the
 * policy's name as a Java identifier, unique in the application; its resources are named after it.
 */
public final class CompiledPolicyBuildItem extends MultiBuildItem {

    private static final String RESOURCES = "META-INF/sark-opa/";

    private final String id;
    private final String name;
    private final String revision;
    private final byte[] metaModule;
    private final byte[] data;
    private final String machineFactoryClass;
    private final Set<String> entrypoints;
    private final List<String> roots;

    public CompiledPolicyBuildItem(String id, String name, String revision, byte[] metaModule, byte[] data,
            String machineFactoryClass, Set<String> entrypoints, List<String> roots) {
        this.id = id;
        this.name = name;
        this.revision = revision;
        this.metaModule = metaModule;
        this.data = data;
        this.machineFactoryClass = machineFactoryClass;
        this.entrypoints = entrypoints;
        this.roots = roots;
    }

    /** The data paths the bundle's manifest says it owns; empty for the whole tree. */
    public List<String> roots() {
        return roots;
    }

    public String name() {
        return name;
    }

    public String revision() {
        return revision;
    }

    /** The module less the bodies compiled to bytecode. */
    public byte[] metaModule() {
        return metaModule;
    }

    /** The data document, JSON. */
    public byte[] data() {
        return data;
    }

    public String metaModuleResource() {
        return RESOURCES + id + ".meta.wasm";
    }

    public String dataResource() {
        return RESOURCES + id + ".data.json";
    }

    public String machineFactoryClass() {
        return machineFactoryClass;
    }

    public Set<String> entrypoints() {
        return entrypoints;
    }
}
