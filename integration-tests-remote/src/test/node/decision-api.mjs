// Asks the sample app's OPA-compatible decision API through OPA's official TypeScript client.
// Usage: node decision-api.mjs <server url> <bearer token>. Exits non-zero on the first wrong answer.
import assert from "node:assert/strict";
import { OPAClient } from "@styra/opa";

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error("usage: node decision-api.mjs <server url> <bearer token>");
  process.exit(2);
}
const opa = new OPAClient(url, { headers: { Authorization: `Bearer ${token}` } });

// decided in process: this app's data makes bob an admin and alice a user
assert.equal(await opa.evaluate("opa/wasm/test/allowed", { user: "bob" }), true);
assert.equal(await opa.evaluate("opa/wasm/test/allowed", { user: "alice" }), false);

// this app has no such policy: its fallback asks the remote gateway
assert.equal(await opa.evaluate("gateway/tools/allow", { user: "alice", tool: "deploy" }), true);
assert.equal(await opa.evaluate("gateway/tools/allow", { user: "dave", tool: "deploy" }), false);

// an undefined document has no result
assert.equal(await opa.evaluate("opa/wasm/test/no_such_rule", { user: "bob" }), undefined);

// a bad path is OPA's 400 error, which the client parses
await assert.rejects(opa.evaluate("opa//allowed", {}), (e) => {
  assert.equal(e.name, "ClientError");
  assert.equal(e.code, "invalid_parameter");
  assert.match(e.message, /bad path/);
  return true;
});

// without the token: 401
await assert.rejects(new OPAClient(url).evaluate("opa/wasm/test/allowed", { user: "bob" }), (e) => {
  assert.match(String(e.message), /401/);
  return true;
});

console.log("styra-opa-client: all decisions as expected");
