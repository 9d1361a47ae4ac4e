package io.sark.opa.deployment;

import io.quarkus.arc.deployment.BeanDefiningAnnotationBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.builtins.catalog.BuiltinStatus;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * Finds the application's builtins: classes implementing {@link PolicyBuiltin} annotated with
 * {@link OpaBuiltin}. They become unremovable beans, and their names join the builtins that policies are
 * checked against at build time. A declaration a policy could not use fails the build, naming the class.
 */
class ApplicationBuiltinProcessor {

    static final DotName POLICY_BUILTIN = DotName.createSimple(PolicyBuiltin.class.getName());
    static final DotName OPA_BUILTIN = DotName.createSimple(OpaBuiltin.class.getName());

    /** An annotated class without a scope is a singleton bean: one instance serves every evaluation. */
    @BuildStep
    BeanDefiningAnnotationBuildItem builtinsAreBeans() {
        return new BeanDefiningAnnotationBuildItem(OPA_BUILTIN, BuiltinScope.SINGLETON.getName());
    }

    @BuildStep
    UnremovableBeanBuildItem builtinsAreKept() {
        return UnremovableBeanBuildItem.beanTypes(POLICY_BUILTIN);
    }

    @BuildStep
    void discover(CombinedIndexBuildItem combinedIndex, BuildProducer<ApplicationBuiltinBuildItem> builtins,
            BuildProducer<ValidationErrorBuildItem> errors) {
        IndexView index = combinedIndex.getIndex();
        Map<String, BuiltinStatus.Status> opa = BuiltinStatus.of(Builtins.defaults());
        Map<String, String> owners = new HashMap<>();
        for (AnnotationInstance annotation : index.getAnnotations(OPA_BUILTIN)) {
            try {
                builtins.produce(declared(index, annotation, opa, owners));
            } catch (PolicyBuildException e) {
                errors.produce(new ValidationErrorBuildItem(e));
            }
        }
        for (ClassInfo implementor : index.getAllKnownImplementors(POLICY_BUILTIN)) {
            if (!Modifier.isAbstract(implementor.flags()) && !implementor.isInterface()
                    && !implementor.hasDeclaredAnnotation(OPA_BUILTIN)) {
                errors.produce(new ValidationErrorBuildItem(new PolicyBuildException(implementor.name() + " implements "
                        + PolicyBuiltin.class.getName() + " but has no @OpaBuiltin(name = ..., arity = ...) saying which builtin it is")));
            }
        }
    }

    /** The builtin an {@code @OpaBuiltin} declares, once checked that policies could call it. */
    private static ApplicationBuiltinBuildItem declared(IndexView index, AnnotationInstance annotation,
            Map<String, BuiltinStatus.Status> opa, Map<String, String> owners) {
        ClassInfo bean = annotation.target().asClass();
        String name = annotation.value("name").asString();
        int arity = annotation.value("arity").asInt();
        String where = "@OpaBuiltin(name = \"" + name + "\", arity = " + arity + ") on " + bean.name();
        if (!implementsPolicyBuiltin(index, bean) || Modifier.isAbstract(bean.flags())) {
            throw new PolicyBuildException(where + ": the class must be concrete and implement "
                    + PolicyBuiltin.class.getName());
        }
        try {
            Builtin.of(name, arity, (context, args) -> null);
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(where + ": " + e.getMessage(), e);
        }
        BuiltinStatus.Status status = opa.get(name);
        if (status != null && status.kind() != BuiltinStatus.Kind.UNSUPPORTED && status.kind() != BuiltinStatus.Kind.NOT_YET) {
            throw new PolicyBuildException(where + ": " + name
                    + " is an OPA builtin this extension already implements; choose a name of your own");
        }
        String other = owners.putIfAbsent(name, bean.name().toString());
        if (other != null) {
            throw new PolicyBuildException(where + ": builtin " + name + " is already provided by " + other);
        }
        return new ApplicationBuiltinBuildItem(name, arity, bean.name().toString());
    }

    private static boolean implementsPolicyBuiltin(IndexView index, ClassInfo bean) {
        return index.getAllKnownImplementors(POLICY_BUILTIN).stream().anyMatch(c -> c.name().equals(bean.name()));
    }

    /** OPA's catalogue plus a stand-in for each application builtin: enough to check what a module imports. */
    static Builtins forValidation(Iterable<ApplicationBuiltinBuildItem> application) {
        Builtins builtins = Builtins.defaults();
        for (ApplicationBuiltinBuildItem item : application) {
            builtins = builtins.with(Builtin.of(item.name(), item.arity(), (context, args) -> {
                throw new IllegalStateException(item.name() + " is not called at build time");
            }));
        }
        return builtins;
    }
}
