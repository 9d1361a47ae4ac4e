package io.sark.opa.deployment;

import io.quarkus.builder.item.MultiBuildItem;

/** A builtin the application provides as a {@code PolicyBuiltin} bean: its Rego name, arity and bean class. */
public final class ApplicationBuiltinBuildItem extends MultiBuildItem {

    private final String name;
    private final int arity;
    private final String beanClass;

    public ApplicationBuiltinBuildItem(String name, int arity, String beanClass) {
        this.name = name;
        this.arity = arity;
        this.beanClass = beanClass;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public String beanClass() {
        return beanClass;
    }
}
