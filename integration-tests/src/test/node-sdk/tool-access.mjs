// Evaluates the tool-access module that sark-opa built, in OPA's JavaScript SDK, over the named cases:
//   node tool-access.mjs policy.wasm data.json cases.json
// cases.json: [{"name", "input", "allow", "reasons"}]. Prints a line per failure and "N passed, M failed";
// exits 1 when any case fails. The SDK implements sprintf itself; the time builtins the policy imports come
// from here, computed as OPA does (an unparsable time is undefined, as a builtin error is without strict mode).
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import fs from "node:fs";

const [wasmFile, dataFile, casesFile] = process.argv.slice(2);

function zoned(ns, zone, options) {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone, ...options }).formatToParts(new Date(ns / 1e6));
}

function part(parts, type) {
  return parts.find((p) => p.type === type).value;
}

const timeBuiltins = {
  "time.parse_rfc3339_ns": (text) => {
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    if (typeof text !== "string" || !rfc3339.test(text)) return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms * 1e6;
  },
  "time.weekday": ([ns, zone]) => part(zoned(ns, zone, { weekday: "long" }), "weekday"),
  "time.clock": ([ns, zone]) => {
    const parts = zoned(ns, zone, { hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" });
    return ["hour", "minute", "second"].map((t) => Number(part(parts, t)));
  },
};

const policy = await loadPolicy(fs.readFileSync(wasmFile), undefined, timeBuiltins);
policy.setData(JSON.parse(fs.readFileSync(dataFile, "utf8")));

let passed = 0;
let failed = 0;
for (const c of JSON.parse(fs.readFileSync(casesFile, "utf8"))) {
  let got;
  try {
    got = policy.evaluate(c.input, "gateway/access/decision");
  } catch (e) {
    got = `error: ${e.message ?? e}`;
  }
  const want = [{ result: { allow: c.allow, reasons: c.reasons } }];
  if (JSON.stringify(got) === JSON.stringify(want)) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${c.name}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
