package io.sark.opa.builtins;

import io.sark.opa.engine.Builtin;
import java.util.ArrayList;
import java.util.List;

/** Every host builtin of this project, family by family. */
public final class Catalogue {
    private Catalogue() {}

    public static List<Builtin> builtins() {
        List<Builtin> all = new ArrayList<>();
        all.addAll(EncodingBuiltins.all());
        all.addAll(TimeBuiltins.all());
        all.addAll(UnitsBuiltins.all());
        all.addAll(JwtBuiltins.all());
        all.addAll(PrivateKeyBuiltins.all());
        all.addAll(StringBuiltins.all());
        all.addAll(TemplateStringBuiltins.all());
        all.addAll(NetBuiltins.all());
        all.addAll(NetLookupBuiltins.all());
        all.addAll(GlobBuiltins.all());
        all.addAll(RegexBuiltins.all());
        all.addAll(SemverBuiltins.all());
        all.addAll(UrlQueryBuiltins.all());
        all.addAll(RandomBuiltins.all());
        all.addAll(HashBuiltins.all());
        all.addAll(JsonBuiltins.all());
        all.addAll(JsonPathBuiltins.all());
        all.addAll(YamlBuiltins.all());
        all.addAll(ObjectBuiltins.all());
        all.addAll(NumberBuiltins.all());
        all.addAll(GraphBuiltins.all());
        all.addAll(X509Builtins.all());
        all.addAll(SchemaBuiltins.all());
        all.addAll(AwsBuiltins.all());
        all.addAll(GraphqlBuiltins.all());
        all.addAll(TraceBuiltins.all());
        return all;
    }
}
