#!/usr/bin/env python3
"""Time from a bundle's publication to the first decision that follows it, on the packaged sample gateway.

A bundle server (in this process) serves one data bundle for the gateway's plan policy (roots ["gateway"]), with
ETags and OPA's long polling (it holds a request that carries `Prefer: wait=N` until the bundle changes and answers
with the content type application/vnd.openpolicyagent.bundles, as OPA's long-polling servers do). The gateway polls it.
Each round publishes a revision that flips dave's role between guest and admin, then asks the gateway
(POST /v2/tools/deploy/invoke as dave) every 2 ms until the answer follows: 200 for admin, 403 for guest.

Usage: bundle_latency.py --jar GATEWAY_JAR --out FILE.json --mode polling|long-polling [--rounds N]
Writes one JSON object: the mode, the gateway's polling settings and the latencies in milliseconds.
"""
import argparse
import copy
import gzip
import hashlib
import http.client
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import threading
import time

LONG_POLLING_TYPE = "application/vnd.openpolicyagent.bundles"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Bundle:
    """The current bundle and its ETag; publishing wakes the requests held by long polling."""

    def __init__(self):
        self.changed = threading.Condition()
        self.body = None
        self.etag = None

    def publish(self, body):
        with self.changed:
            self.body = body
            self.etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            self.changed.notify_all()


def handler(bundle):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            wait = self.headers.get("Prefer", "")
            seconds = int(wait[5:]) if wait.startswith("wait=") else 0
            deadline = time.monotonic() + seconds
            with bundle.changed:
                while self.headers.get("If-None-Match") == bundle.etag and time.monotonic() < deadline:
                    bundle.changed.wait(deadline - time.monotonic())
                body, etag = bundle.body, bundle.etag
            kind = LONG_POLLING_TYPE if seconds else "application/gzip"
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def archive(data, revision):
    """A gzip-compressed tar with .manifest (revision, roots ["gateway"]) and data.json."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, content in ((".manifest", {"revision": revision, "roots": ["gateway"]}), ("data.json", data)):
            raw = json.dumps(content).encode()
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return out.getvalue()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def decide(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/v2/tools/deploy/invoke", headers={"X-User": "dave"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"bundle_latency: {what} after {seconds} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", choices=["polling", "long-polling"], required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    with open(os.path.join(ROOT, "policies/gateway-tools/data.json")) as f:
        base = json.load(f)

    def revision(role, n):
        data = copy.deepcopy(base)
        data["gateway"]["users"]["dave"]["role"] = role
        return archive(data, f"r{n}-{role}")

    bundle = Bundle()
    bundle.publish(revision("guest", 0))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler(bundle))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    settings = {"min-delay": "1s", "max-delay": "2s"}
    if args.mode == "long-polling":
        settings["long-polling-timeout"] = "30s"
    port = free_port()
    command = ["java", f"-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1",
               f"-Dquarkus.sark-opa.services.bench.url=http://127.0.0.1:{server.server_address[1]}",
               "-Dquarkus.sark-opa.bundles.gateway-data.service=bench",
               "-Dquarkus.sark-opa.bundles.gateway-data.resource=bundle.tar.gz"]
    command += [f"-Dquarkus.sark-opa.bundles.gateway-data.polling.{k}={v}" for k, v in settings.items()]
    log = open(args.out + ".gateway.log", "w")
    gateway = subprocess.Popen(command + ["-jar", args.jar], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: decide(port) == 403, 60, "the gateway does not answer with the first bundle")
        latencies = []
        for n in range(1, args.rounds + 1):
            role, expected = ("admin", 200) if n % 2 else ("guest", 403)
            time.sleep(0.2)  # let a long-polling request settle on the server
            body = revision(role, n)
            start = time.monotonic()
            bundle.publish(body)
            while decide(port) != expected:
                if time.monotonic() - start > 30:
                    raise SystemExit(f"bundle_latency: revision {n} not decided on after 30 s")
                time.sleep(0.002)
            latencies.append((time.monotonic() - start) * 1000)
    finally:
        gateway.terminate()
        gateway.wait(30)
        server.shutdown()
    latencies.sort()
    result = {"mode": args.mode, "polling": settings, "rounds": len(latencies), "latencies_ms": latencies,
              "p50_ms": latencies[len(latencies) // 2], "p90_ms": latencies[int(len(latencies) * 0.9) - 1],
              "max_ms": latencies[-1], "bundle_bytes": len(bundle.body)}
    with open(args.out, "w") as f:
        json.dump(result, f)
    print(json.dumps({k: v for k, v in result.items() if k != "latencies_ms"}), file=sys.stderr)


if __name__ == "__main__":
    main()
