;; A minimal module speaking OPA's wasm ABI in which every value is its own JSON text (NUL-terminated):
;; the host only ever sees JSON text, so this is all an ABI test needs. AbiModules (in the tests) fills
;; the placeholders: the ABI version, the builtins() object, the instructions computing the result value
;; from $input, and opa_eval where the version has it.
(module
  (import "env" "memory" (memory 1))
  (import "env" "opa_abort" (func $opa_abort (param i32)))
  (import "env" "opa_println" (func $opa_println (param i32)))
  (import "env" "opa_builtin0" (func $opa_builtin0 (param i32 i32) (result i32)))
  (import "env" "opa_builtin1" (func $opa_builtin1 (param i32 i32 i32) (result i32)))
  (import "env" "opa_builtin2" (func $opa_builtin2 (param i32 i32 i32 i32) (result i32)))
  (import "env" "opa_builtin3" (func $opa_builtin3 (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "opa_builtin4" (func $opa_builtin4 (param i32 i32 i32 i32 i32 i32) (result i32)))

  (global $heap (mut i32) (i32.const 4096))
  (global (export "opa_wasm_abi_version") i32 (i32.const {{MAJOR}}))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const {{MINOR}}))

  (data (i32.const 16) "{\"allow\":0}\00")
  (data (i32.const 64) "{{BUILTINS}}\00")
  (data (i32.const 512) "[{\"result\":\00")
  (data (i32.const 544) "}]\00")
  (data (i32.const 560) "[]\00")
  (data (i32.const 576) "boom\00")
  (data (i32.const 592) "opa_malloc: failed\00")

  (func $malloc (export "opa_malloc") (param $size i32) (result i32)
    (local $addr i32)
    (local.set $addr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    ;; grow memory as needed; a failed grow aborts the way OPA's allocator does
    (block $enough
      (loop $grow
        (br_if $enough (i32.le_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
          (then (call $opa_abort (i32.const 592))))
        (br $grow)))
    (local.get $addr))
  (func (export "opa_free") (param i32))
  (func (export "opa_heap_ptr_get") (result i32) (global.get $heap))
  (func (export "opa_heap_ptr_set") (param i32) (global.set $heap (local.get 0)))

  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $end (loop $next
      (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))

  ;; a NUL-terminated copy of len bytes at addr
  (func $copy (param $addr i32) (param $len i32) (result i32)
    (local $dst i32)
    (local.set $dst (call $malloc (i32.add (local.get $len) (i32.const 1))))
    (memory.copy (local.get $dst) (local.get $addr) (local.get $len))
    (i32.store8 (i32.add (local.get $dst) (local.get $len)) (i32.const 0))
    (local.get $dst))

  (func $concat3 (param $a i32) (param $b i32) (param $c i32) (result i32)
    (local $la i32) (local $lb i32) (local $lc i32) (local $dst i32)
    (local.set $la (call $strlen (local.get $a)))
    (local.set $lb (call $strlen (local.get $b)))
    (local.set $lc (call $strlen (local.get $c)))
    (local.set $dst (call $malloc (i32.add (i32.add (local.get $la) (local.get $lb)) (i32.add (local.get $lc) (i32.const 1)))))
    (memory.copy (local.get $dst) (local.get $a) (local.get $la))
    (memory.copy (i32.add (local.get $dst) (local.get $la)) (local.get $b) (local.get $lb))
    (memory.copy (i32.add (local.get $dst) (i32.add (local.get $la) (local.get $lb))) (local.get $c) (local.get $lc))
    (i32.store8 (i32.add (local.get $dst) (i32.add (local.get $la) (i32.add (local.get $lb) (local.get $lc)))) (i32.const 0))
    (local.get $dst))

  (func (export "opa_json_parse") (param $addr i32) (param $len i32) (result i32)
    (call $copy (local.get $addr) (local.get $len)))
  (func (export "opa_value_parse") (param $addr i32) (param $len i32) (result i32)
    (call $copy (local.get $addr) (local.get $len)))
  (func (export "opa_json_dump") (param $v i32) (result i32) (local.get $v))
  (func (export "opa_value_dump") (param $v i32) (result i32) (local.get $v))

  (func (export "entrypoints") (result i32) (i32.const 16))
  (func (export "builtins") (result i32) (i32.const 64))

  ;; ctx: +0 input, +4 data, +8 entrypoint, +12 result
  (func (export "opa_eval_ctx_new") (result i32)
    (local $ctx i32)
    (local.set $ctx (call $malloc (i32.const 16)))
    (i32.store (local.get $ctx) (i32.const 0))
    (i32.store offset=12 (local.get $ctx) (i32.const 0))
    (local.get $ctx))
  (func (export "opa_eval_ctx_set_input") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "opa_eval_ctx_set_data") (param i32 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
  (func (export "opa_eval_ctx_set_entrypoint") (param i32 i32) (i32.store offset=8 (local.get 0) (local.get 1)))
  (func $get_result (export "opa_eval_ctx_get_result") (param i32) (result i32) (i32.load offset=12 (local.get 0)))

  ;; the policy: the result value from $input (0 when no input), or 0 for undefined
  (func $decide (param $input i32) (result i32)
    {{EVAL_BODY}})

  (func $eval (export "eval") (param $ctx i32) (result i32)
    (local $value i32)
    (local.set $value (call $decide (i32.load (local.get $ctx))))
    (i32.store offset=12 (local.get $ctx)
      (if (result i32) (local.get $value)
        (then (call $concat3 (i32.const 512) (local.get $value) (i32.const 544)))
        (else (i32.const 560))))
    (i32.const 0))

  {{ONE_CALL}}
)
