package io.sark.opa.ir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads plan JSON (the output of {@code opa build -t plan}) into a {@link Policy}. Every error names the
 * source and the place in the plan (plan or function, block and statement).
 */
public final class PlanReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    private PlanReader(String source) {
        this.source = source;
    }

    /** Reads plan JSON text; {@code source} (a file name) is used in error messages. */
    public static Policy read(String source, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PlanFormatException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new PlanFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
        return read(source, root);
    }

    /** Reads an already parsed plan. */
    public static Policy read(String source, JsonNode root) {
        return new PlanReader(source).policy(root);
    }

    private Policy policy(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("plan", "expected a JSON object with static, plans and funcs");
        }
        JsonNode statics = root.path("static");
        List<String> strings = stringConsts(statics.path("strings"), "static.strings");
        List<String> files = stringConsts(statics.path("files"), "static.files");
        List<BuiltinFunc> builtins = new ArrayList<>();
        JsonNode bf = statics.path("builtin_funcs");
        for (int i = 0; i < bf.size(); i++) {
            JsonNode b = bf.get(i);
            String name = text(b, "name", "static.builtin_funcs[" + i + "]");
            JsonNode args = b.path("decl").path("args");
            builtins.add(new BuiltinFunc(name, args.isArray() ? args.size() : -1));
        }
        List<Plan> plans = new ArrayList<>();
        JsonNode ps = root.path("plans").path("plans");
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String where = "plans[" + i + "]";
            String name = text(p, "name", where);
            plans.add(new Plan(name, blocks(p.path("blocks"), "plan " + name)));
        }
        List<Func> funcs = new ArrayList<>();
        JsonNode fs = root.path("funcs").path("funcs");
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String name = text(f, "name", "funcs[" + i + "]");
            String where = "function " + name;
            List<Integer> params = new ArrayList<>();
            for (JsonNode p : array(f, "params", where)) {
                params.add(local(p, where + " params"));
            }
            List<String> path = new ArrayList<>();
            for (JsonNode p : f.path("path")) {
                path.add(p.asText());
            }
            int ret = local(required(f, "return", where), where + " return");
            funcs.add(new Func(name, params, ret, blocks(f.path("blocks"), where), path));
        }
        return new Policy(strings, files, builtins, plans, funcs);
    }

    private List<String> stringConsts(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), "value", where + "[" + i + "]"));
        }
        return out;
    }

    private List<Block> blocks(JsonNode node, String where) {
        if (!node.isArray()) {
            throw error(where, "blocks must be an array");
        }
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(block(node.get(i), where + " block " + i));
        }
        return out;
    }

    private Block block(JsonNode node, String where) {
        List<Statement> stmts = new ArrayList<>();
        JsonNode list = node.path("stmts");
        for (int i = 0; i < list.size(); i++) {
            stmts.add(statement(list.get(i), where + " statement " + i));
        }
        return new Block(stmts);
    }

    private Statement statement(JsonNode node, String where) {
        String type = text(node, "type", where);
        String at = where + " (" + type + ")";
        JsonNode s = required(node, "stmt", at);
        StatementLocation loc = new StatementLocation(s.path("file").asInt(), s.path("row").asInt(), s.path("col").asInt());
        return switch (type) {
            case "ArrayAppendStmt" -> new Statement.ArrayAppendStmt(loc, operand(s, "value", at), localField(s, "array", at));
            case "AssignIntStmt" -> new Statement.AssignIntStmt(loc, integer(s, "value", at), localField(s, "target", at));
            case "AssignVarOnceStmt" -> new Statement.AssignVarOnceStmt(loc, operand(s, "source", at), localField(s, "target", at));
            case "AssignVarStmt" -> new Statement.AssignVarStmt(loc, operand(s, "source", at), localField(s, "target", at));
            // OPA writes an empty BlockStmt with "blocks": null
            case "BlockStmt" -> new Statement.BlockStmt(loc, s.hasNonNull("blocks") ? blocks(s.get("blocks"), at) : List.of());
            case "BreakStmt" -> new Statement.BreakStmt(loc, (int) integer(s, "index", at));
            case "CallDynamicStmt" -> {
                List<Integer> args = new ArrayList<>();
                for (JsonNode a : array(s, "args", at)) {
                    args.add(local(a, at + " args"));
                }
                List<Operand> path = new ArrayList<>();
                for (JsonNode p : array(s, "path", at)) {
                    path.add(operand(p, at + " path"));
                }
                yield new Statement.CallDynamicStmt(loc, args, localField(s, "result", at), path);
            }
            case "CallStmt" -> {
                List<Operand> args = new ArrayList<>();
                for (JsonNode a : s.path("args")) {
                    args.add(operand(a, at + " args"));
                }
                yield new Statement.CallStmt(loc, text(s, "func", at), args, localField(s, "result", at));
            }
            case "DotStmt" -> new Statement.DotStmt(loc, operand(s, "source", at), operand(s, "key", at), localField(s, "target", at));
            case "EqualStmt" -> new Statement.EqualStmt(loc, operand(s, "a", at), operand(s, "b", at));
            case "IsArrayStmt" -> new Statement.IsArrayStmt(loc, operand(s, "source", at));
            case "IsDefinedStmt" -> new Statement.IsDefinedStmt(loc, localField(s, "source", at));
            case "IsObjectStmt" -> new Statement.IsObjectStmt(loc, operand(s, "source", at));
            case "IsSetStmt" -> new Statement.IsSetStmt(loc, operand(s, "source", at));
            case "IsUndefinedStmt" -> new Statement.IsUndefinedStmt(loc, localField(s, "source", at));
            case "LenStmt" -> new Statement.LenStmt(loc, operand(s, "source", at), localField(s, "target", at));
            case "MakeArrayStmt" -> new Statement.MakeArrayStmt(loc, (int) integer(s, "capacity", at), localField(s, "target", at));
            case "MakeNullStmt" -> new Statement.MakeNullStmt(loc, localField(s, "target", at));
            case "MakeNumberIntStmt" -> new Statement.MakeNumberIntStmt(loc, integer(s, "value", at), localField(s, "target", at));
            // OPA writes this statement's index field as "Index" (no JSON tag on the Go struct)
            case "MakeNumberRefStmt" -> new Statement.MakeNumberRefStmt(loc,
                    (int) integer(s, s.has("Index") ? "Index" : "index", at), localField(s, "target", at));
            case "MakeObjectStmt" -> new Statement.MakeObjectStmt(loc, localField(s, "target", at));
            case "MakeSetStmt" -> new Statement.MakeSetStmt(loc, localField(s, "target", at));
            case "NopStmt" -> new Statement.NopStmt(loc);
            case "NotEqualStmt" -> new Statement.NotEqualStmt(loc, operand(s, "a", at), operand(s, "b", at));
            case "NotStmt" -> new Statement.NotStmt(loc, block(required(s, "block", at), at));
            case "ObjectInsertOnceStmt" -> new Statement.ObjectInsertOnceStmt(loc, operand(s, "key", at), operand(s, "value", at),
                    localField(s, "object", at));
            case "ObjectInsertStmt" -> new Statement.ObjectInsertStmt(loc, operand(s, "key", at), operand(s, "value", at),
                    localField(s, "object", at));
            case "ObjectMergeStmt" -> new Statement.ObjectMergeStmt(loc, localField(s, "a", at), localField(s, "b", at),
                    localField(s, "target", at));
            case "ResetLocalStmt" -> new Statement.ResetLocalStmt(loc, localField(s, "target", at));
            case "ResultSetAddStmt" -> new Statement.ResultSetAddStmt(loc, localField(s, "value", at));
            case "ReturnLocalStmt" -> new Statement.ReturnLocalStmt(loc, localField(s, "source", at));
            case "ScanStmt" -> new Statement.ScanStmt(loc, localField(s, "source", at), localField(s, "key", at),
                    localField(s, "value", at), block(required(s, "block", at), at));
            case "SetAddStmt" -> new Statement.SetAddStmt(loc, operand(s, "value", at), localField(s, "set", at));
            case "WithStmt" -> {
                List<Integer> path = new ArrayList<>();
                for (JsonNode p : s.path("path")) {
                    path.add(p.asInt());
                }
                yield new Statement.WithStmt(loc, localField(s, "local", at), path, operand(s, "value", at),
                        block(required(s, "block", at), at));
            }
            default -> throw error(where, "unknown statement type " + type);
        };
    }

    private Operand operand(JsonNode s, String field, String where) {
        return operand(required(s, field, where), where + " " + field);
    }

    private Operand operand(JsonNode o, String where) {
        if (!o.isObject()) {
            throw error(where, "operand must be an object with type and value, got " + o);
        }
        String type = text(o, "type", where);
        JsonNode v = required(o, "value", where);
        return switch (type) {
            case "local" -> new Operand.Local(local(v, where));
            case "bool" -> {
                if (!v.isBoolean()) {
                    throw error(where, "bool operand value must be true or false, got " + v);
                }
                yield new Operand.Bool(v.booleanValue());
            }
            case "string_index" -> new Operand.StringIndex(local(v, where));
            default -> throw error(where, "unknown operand type " + type);
        };
    }

    private int localField(JsonNode s, String field, String where) {
        return local(required(s, field, where), where + " " + field);
    }

    private int local(JsonNode v, String where) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw error(where, "expected a non-negative integer, got " + v);
        }
        return v.intValue();
    }

    private long integer(JsonNode s, String field, String where) {
        JsonNode v = required(s, field, where);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(where, field + " must be an integer, got " + v);
        }
        return v.longValue();
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isTextual()) {
            throw error(where, field + " must be a string, got " + v);
        }
        return v.textValue();
    }

    private JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isArray()) {
            throw error(where, field + " must be an array, got " + v.getNodeType());
        }
        return v;
    }

    private JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw error(where, "missing " + field);
        }
        return v;
    }

    private PlanFormatException error(String where, String problem) {
        return new PlanFormatException(source + ": " + where + ": " + problem);
    }
}
