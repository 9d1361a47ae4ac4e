package io.sark.opa.ir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Writes a {@link Policy} as OPA plan JSON (what {@code opa build -t plan} prints and {@code PlanReader}
 * reads), so compiled Rego can be inspected, diffed against OPA's plans, and fed to plan-based tools.
 * Statement fields are written by record component name, which are the names OPA's JSON uses.
 */
public final class PlanWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanWriter() {}

    public static ObjectNode write(Policy policy) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode statics = root.putObject("static");
        ArrayNode strings = statics.putArray("strings");
        policy.strings().forEach(s -> strings.addObject().put("value", s));
        ArrayNode files = statics.putArray("files");
        policy.files().forEach(s -> files.addObject().put("value", s));
        ArrayNode builtins = statics.putArray("builtin_funcs");
        for (BuiltinFunc b : policy.builtinFuncs()) {
            ObjectNode decl = builtins.addObject().put("name", b.name()).putObject("decl");
            ArrayNode args = decl.putArray("args");
            for (int i = 0; i < b.arity(); i++) {
                args.addObject().put("type", "any");
            }
            decl.putObject("result").put("type", "any");
        }
        ArrayNode plans = root.putObject("plans").putArray("plans");
        for (Plan p : policy.plans()) {
            ObjectNode node = plans.addObject().put("name", p.name());
            node.set("blocks", blocks(p.blocks()));
        }
        ArrayNode funcs = root.putObject("funcs").putArray("funcs");
        for (Func f : policy.funcs()) {
            ObjectNode node = funcs.addObject().put("name", f.name()).put("return", f.returnLocal());
            ArrayNode params = node.putArray("params");
            f.params().forEach(params::add);
            ArrayNode path = node.putArray("path");
            f.path().forEach(path::add);
            node.set("blocks", blocks(f.blocks()));
        }
        return root;
    }

    private static ArrayNode blocks(List<Block> blocks) {
        ArrayNode out = JSON.createArrayNode();
        blocks.forEach(b -> out.add(block(b)));
        return out;
    }

    private static ObjectNode block(Block b) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode stmts = node.putArray("stmts");
        b.statements().forEach(s -> stmts.add(statement(s)));
        return node;
    }

    private static ObjectNode statement(Statement s) {
        ObjectNode node = JSON.createObjectNode().put("type", s.typeName());
        ObjectNode body = node.putObject("stmt");
        for (RecordComponent c : s.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(s);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof StatementLocation loc) {
                body.put("file", loc.file()).put("row", loc.row()).put("col", loc.col());
            } else {
                body.set(c.getName(), value(v));
            }
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v instanceof Operand op) {
            ObjectNode o = JSON.createObjectNode();
            if (op instanceof Operand.Local l) {
                o.put("type", "local").put("value", l.index());
            } else if (op instanceof Operand.Bool b) {
                o.put("type", "bool").put("value", b.value());
            } else {
                o.put("type", "string_index").put("value", ((Operand.StringIndex) op).index());
            }
            return o;
        }
        if (v instanceof Block b) {
            return block(b);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = JSON.createArrayNode();
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        return JSON.valueToTree(v);
    }
}
