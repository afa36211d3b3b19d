#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A local HTTP(S) server of recorded fixtures for the db update tests.

    fixture_server.py ROOT PORTFILE [--tls CERT KEY]

Serves the files below ROOT at their paths, with ETag and Last-Modified,
answering 304 to a matching If-None-Match or If-Modified-Since, and these
fault paths (any file can stand behind them):
    /status/N/...        always HTTP N
    /flaky/K/CODE/...    the first K requests get CODE (429 with
                         Retry-After: 1), then the file
    /truncated/...       a Content-Length twice the body, then the close
    /html/...            the file as text/html
A file beside another with ".status" added (x.json.status) holds the
HTTP status every request for that other file gets.
    /nvd?startIndex=S    ROOT/nvd/page-S.json
Requests in absolute form (through a proxy) are served as their path.
Every request is logged, one JSON line with the client's port (one per
connection), to ROOT/../requests.log.
The port chosen is written to PORTFILE.
"""
import email.utils
import hashlib
import http.server
import json
import os
import ssl
import sys
import threading
import urllib.parse

ROOT = os.path.abspath(sys.argv[1])
LOG = os.path.join(os.path.dirname(ROOT), "requests.log")
counts = {}
lock = threading.Lock()

TYPES = {".json": "application/json", ".zip": "application/zip",
         ".csv": "text/csv", ".gz": "application/gzip",
         ".xml": "application/xml", ".rdf": "application/rdf+xml",
         ".txt": "text/plain"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out as two writes; with Nagle's algorithm the
    # second waits for the client's delayed ACK (40 ms a request)
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="text/plain", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        with lock:
            counts[path] = counts.get(path, 0) + 1
            n = counts[path]
            with open(LOG, "a") as f:
                f.write(json.dumps({"path": path, "query": url.query,
                                    "target": self.path,
                                    "port": self.client_address[1],
                                    "headers": dict(self.headers)}) + "\n")
        parts = path.strip("/").split("/")
        ctype = None
        if parts[0] == "status":
            return self.send(int(parts[1]), b"no")
        if parts[0] == "flaky":
            k, code = int(parts[1]), int(parts[2])
            if n <= k:
                extra = [("Retry-After", "1")] if code == 429 else []
                return self.send(code, b"wait", extra=extra)
            parts = parts[3:]
        truncated = parts[0] == "truncated"
        if truncated:
            parts = parts[1:]
        if parts[0] == "html":
            parts, ctype = parts[1:], "text/html"
        if parts == ["nvd"]:
            parts = ["nvd", "page-%s.json" % query.get("startIndex", ["0"])[0]]
        file = os.path.join(ROOT, *[urllib.parse.unquote(p) for p in parts])
        if not os.path.isfile(file):
            return self.send(404, b"not found")
        if os.path.isfile(file + ".status"):
            with open(file + ".status") as f:
                return self.send(int(f.read()), b"no")
        body = open(file, "rb").read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        mtime = email.utils.formatdate(os.path.getmtime(file), usegmt=True)
        # If-None-Match, when sent, decides alone (RFC 9110, 13.2.2)
        inm = self.headers.get("If-None-Match")
        if inm == etag or (inm is None and
                           self.headers.get("If-Modified-Since") == mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype = ctype or TYPES.get(os.path.splitext(file)[1], "application/octet-stream")
        if truncated:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(2 * len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        self.send(200, body, ctype, [("ETag", etag), ("Last-Modified", mtime)])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 3 and sys.argv[3] == "--tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
