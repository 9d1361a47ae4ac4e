package io.sark.opa.builtins.catalog;

import io.sark.opa.builtins.crypto.AwsBuiltins;
import io.sark.opa.builtins.crypto.HashBuiltins;
import io.sark.opa.builtins.crypto.JwtBuiltins;
import io.sark.opa.builtins.crypto.PrivateKeyBuiltins;
import io.sark.opa.builtins.crypto.X509Builtins;
import io.sark.opa.builtins.encoding.EncodingBuiltins;
import io.sark.opa.builtins.encoding.JsonBuiltins;
import io.sark.opa.builtins.encoding.SchemaBuiltins;
import io.sark.opa.builtins.encoding.UrlQueryBuiltins;
import io.sark.opa.builtins.encoding.YamlBuiltins;
import io.sark.opa.builtins.graphql.GraphqlBuiltins;
import io.sark.opa.builtins.net.NetBuiltins;
import io.sark.opa.builtins.net.NetLookupBuiltins;
import io.sark.opa.builtins.text.GlobBuiltins;
import io.sark.opa.builtins.text.RegexBuiltins;
import io.sark.opa.builtins.text.SemverBuiltins;
import io.sark.opa.builtins.text.StringBuiltins;
import io.sark.opa.builtins.text.TemplateStringBuiltins;
import io.sark.opa.builtins.text.UnitsBuiltins;
import io.sark.opa.builtins.time.TimeBuiltins;
import io.sark.opa.builtins.values.GraphBuiltins;
import io.sark.opa.builtins.values.JsonPathBuiltins;
import io.sark.opa.builtins.values.NumberBuiltins;
import io.sark.opa.builtins.values.ObjectBuiltins;
import io.sark.opa.builtins.values.RandomBuiltins;
import io.sark.opa.builtins.values.TraceBuiltins;
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
