package io.sark.opa.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import java.util.Set;

/** A policy whose module Chicory compiled to JVM classes, with the resources run time loads it from. */
public final class CompiledPolicyBuildItem extends MultiBuildItem {

    private final String name;
    private final String revision;
    private final String metaModuleResource;
    private final String dataResource;
    private final String machineFactoryClass;
    private final Set<String> entrypoints;

    public CompiledPolicyBuildItem(String name, String revision, String metaModuleResource, String dataResource,
            String machineFactoryClass, Set<String> entrypoints) {
        this.name = name;
        this.revision = revision;
        this.metaModuleResource = metaModuleResource;
        this.dataResource = dataResource;
        this.machineFactoryClass = machineFactoryClass;
        this.entrypoints = entrypoints;
    }

    public String name() {
        return name;
    }

    public String revision() {
        return revision;
    }

    public String metaModuleResource() {
        return metaModuleResource;
    }

    public String dataResource() {
        return dataResource;
    }

    public String machineFactoryClass() {
        return machineFactoryClass;
    }

    public Set<String> entrypoints() {
        return entrypoints;
    }
}
