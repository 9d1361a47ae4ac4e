#!/usr/bin/env python3
"""A decision-log service for the load test: accepts OPA's uploads (gzip-compressed JSON arrays POSTed to /logs)
with 204 and only counts them, so that it takes as little of the shared cores as it can.

Usage: log_sink.py PORT COUNTS_FILE; on SIGTERM it writes {"uploads": N, "bytes": B} to COUNTS_FILE.
"""
import http.server
import json
import signal
import sys
import threading

counts = {"uploads": 0, "bytes": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        with lock:
            counts["uploads"] += 1
            counts["bytes"] += length
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    port, counts_file = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True

    def stop(*_):
        with open(counts_file, "w") as f:
            json.dump(counts, f)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    server.serve_forever()


if __name__ == "__main__":
    main()
