package io.sark.opa.wasm;

/**
 * Emits the instructions of one function body. All declared locals are i32; {@link #body(int)} prefixes the
 * local declarations and appends the final {@code end}.
 */
public final class CodeBuilder {
    private final ByteWriter code = new ByteWriter();
    private int depth;

    /** Labels (blocks, loops, ifs) open at this point, not counting the function body. */
    public int depth() {
        return depth;
    }

    public CodeBuilder block() {
        code.u8(0x02).u8(0x40);
        depth++;
        return this;
    }

    public CodeBuilder loop() {
        code.u8(0x03).u8(0x40);
        depth++;
        return this;
    }

    /** {@code if} without results, consuming an i32 condition. */
    public CodeBuilder ifThen() {
        code.u8(0x04).u8(0x40);
        depth++;
        return this;
    }

    public CodeBuilder end() {
        if (depth == 0) {
            throw new IllegalStateException("end without an open block");
        }
        depth--;
        code.u8(0x0b);
        return this;
    }

    public CodeBuilder br(int depth) {
        code.u8(0x0c).u32(depth);
        return this;
    }

    public CodeBuilder brIf(int depth) {
        code.u8(0x0d).u32(depth);
        return this;
    }

    public CodeBuilder ret() {
        code.u8(0x0f);
        return this;
    }

    public CodeBuilder unreachable() {
        code.u8(0x00);
        return this;
    }

    public CodeBuilder drop() {
        code.u8(0x1a);
        return this;
    }

    public CodeBuilder call(int function) {
        code.u8(0x10).u32(function);
        return this;
    }

    public CodeBuilder localGet(int local) {
        code.u8(0x20).u32(local);
        return this;
    }

    public CodeBuilder localSet(int local) {
        code.u8(0x21).u32(local);
        return this;
    }

    public CodeBuilder localTee(int local) {
        code.u8(0x22).u32(local);
        return this;
    }

    public CodeBuilder globalGet(int global) {
        code.u8(0x23).u32(global);
        return this;
    }

    public CodeBuilder globalSet(int global) {
        code.u8(0x24).u32(global);
        return this;
    }

    public CodeBuilder i32Const(int value) {
        code.u8(0x41).s32(value);
        return this;
    }

    public CodeBuilder i64Const(long value) {
        code.u8(0x42).s64(value);
        return this;
    }

    public CodeBuilder i32Eqz() {
        code.u8(0x45);
        return this;
    }

    public CodeBuilder i32Eq() {
        code.u8(0x46);
        return this;
    }

    public CodeBuilder i32Ne() {
        code.u8(0x47);
        return this;
    }

    public CodeBuilder i64ExtendI32U() {
        code.u8(0xad);
        return this;
    }

    /** The encoded function body: {@code i32Locals} declared locals beyond the parameters, then the code and {@code end}. */
    public byte[] body(int i32Locals) {
        if (depth != 0) {
            throw new IllegalStateException(depth + " blocks left open");
        }
        ByteWriter w = new ByteWriter();
        if (i32Locals > 0) {
            w.u32(1).u32(i32Locals).u8(FuncType.I32);
        } else {
            w.u32(0);
        }
        w.bytes(code.toByteArray());
        w.u8(0x0b);
        return w.toByteArray();
    }
}
