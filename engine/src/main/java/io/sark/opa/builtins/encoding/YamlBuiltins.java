package io.sark.opa.builtins.encoding;


import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.go.GoFormat;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * {@code yaml.marshal}, {@code yaml.unmarshal}, {@code yaml.is_valid} on SnakeYAML Engine; documents are read as OPA's
 * Go library reads them ({@link GoYaml}).
 */
public final class YamlBuiltins {
    private YamlBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("yaml.unmarshal", 1, (ctx, a) -> unmarshal(a.string(0))),
                Operands.builtin("yaml.is_valid", 1, (ctx, a) -> {
                    if (a.get(0) == null || !a.get(0).isTextual()) {
                        return Json.bool(false);
                    }
                    try {
                        unmarshal(a.get(0).textValue());
                        return Json.bool(true);
                    } catch (BuiltinException e) {
                        return Json.bool(false);
                    }
                }),
                Operands.builtin("yaml.marshal", 1, (ctx, a) -> Json.text(marshal(a.get(0)))));
    }

    static JsonNode unmarshal(String text) {
        try {
            return GoYaml.read(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            throw new BuiltinException("yaml.unmarshal: yaml: line " + line + ": " + libyamlWording(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new BuiltinException("yaml.unmarshal: yaml: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML and libyaml (behind OPA's Go YAML library) share their parser messages except for the
     * tail: "expected X, but got Y" there is "did not find expected X" here.
     */
    static String libyamlWording(String problem) {
        int but = problem.indexOf(", but got");
        if (problem.startsWith("expected ") && but > 0) {
            return "did not find " + problem.substring(0, but);
        }
        return problem;
    }

    static String marshal(JsonNode value) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setSchema(GoYaml.DUMP).build();
        Dump dump = new Dump(settings, new QuotingRepresenter(settings));
        return dump.dumpToString(toYaml(value));
    }

    /** Keys sorted, as Go marshals maps. */
    private static Object toYaml(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), toYaml(e.getValue())));
            return new LinkedHashMap<>(map);
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(item -> list.add(toYaml(item)));
            return list;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            // go-yaml v2 reads an integer that fits neither int64 nor uint64 as a float64
            BigInteger i = v.bigIntegerValue();
            return i.bitLength() < 64 ? (Object) i.longValue() : i.signum() > 0 && i.bitLength() == 64 ? i
                    : i.doubleValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return null;
    }

    /**
     * As go-yaml v2 writes them (goyaml.v2/encode.go): a one-line string that would not read back as a string
     * double-quoted, a float as strconv.FormatFloat(f, 'g', -1, 64) writes it ({@link GoFormat#formatFloat}).
     */
    private static final class QuotingRepresenter extends StandardRepresenter {
        QuotingRepresenter(DumpSettings settings) {
            super(settings);
            representers.put(Double.class, data -> {
                String text = GoFormat.formatFloat((Double) data);
                return representScalar(GoYaml.tagOf(text), text, ScalarStyle.PLAIN); // "2" reads back as 2
            });
            RepresentToNode strings = representers.get(String.class);
            representers.put(String.class, data -> {
                String text = (String) data;
                return text.contains("\n") || GoYaml.tagOf(text) == Tag.STR ? strings.representData(data)
                        : representScalar(Tag.STR, text, ScalarStyle.DOUBLE_QUOTED);
            });
        }
    }
}
