#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark `tsunagi db import` (issue 4) with baselines from the same run.

  shared:  all of ../shared/data/osv (6,952 records) into a fresh database;
           target <= 1.5 s median. Baseline: `jq -c .` over the same files.
  500k:    500,000 synthetic records in one zip (synth-scale-data zip);
           targets: import <= 120 s, database <= 35% of the uncompressed
           JSON, peak RSS <= 1 GB. Baselines: `unzip -p F | wc -c` and
           `unzip -p F | jq -c . >/dev/null`.
  update:  1% of the records changed (a later modified), imported into the
           500k database; target <= 5% of the full import. Measured two
           ways: the whole archive again (every entry checked, the 1%
           read), and an archive of only the changed records (what an
           update that knows what changed, as OSV's modified_id.csv
           tells, reads). Then the real thing: `db update --source
           osv:PyPI` against a local server (nginx when installed, as
           Debian's nginx-light; else tests/tools/fixture_server.py)
           serving the archive, a modified_id.csv with the 1% listed as
           newer, and those records one by one (5,000 requests at 500,000
           records). Baseline: `curl --parallel` fetching the same list
           and records over as many connections (8).

Each figure is the median of RUNS runs; commands alternate run by run.
Peak RSS comes from wait4(). Generated inputs are kept in --work.

Usage: bench/vulndb.py [--runs N] [--bin PATH] [--data DIR] [--work DIR]
                       [--records N]
"""
import argparse
import glob
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import zipfile

from benchlib import run_once


def rm_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def changed_zip(src, dst, delta, every=100):
    """dst: src with every `every`-th record given a later modified;
    delta: those changed records alone."""
    with zipfile.ZipFile(src) as zin, \
            zipfile.ZipFile(dst + ".tmp", "w", zipfile.ZIP_DEFLATED) as zout, \
            zipfile.ZipFile(delta + ".tmp", "w", zipfile.ZIP_DEFLATED) as zd:
        for i, info in enumerate(zin.infolist()):
            data = zin.read(info)
            if i % every == 0:
                rec = json.loads(data)
                rec["modified"] = "2026-06-01T00:00:00Z"
                rec["summary"] = rec.get("summary", "") + " (updated)"
                data = json.dumps(rec).encode()
                zd.writestr(info.filename, data)
            zout.writestr(info.filename, data)
    os.replace(dst + ".tmp", dst)
    os.replace(delta + ".tmp", delta)


def served_update(src, www, every=100):
    """www/osv/PyPI: all.zip and modified_id.csv as OSV serves them, and
    modified_id-1pct.csv with every `every`-th record changed, each of
    those as ID.json."""
    eco = os.path.join(www, "osv", "PyPI")
    if os.path.exists(os.path.join(eco, "modified_id-1pct.csv")):
        return
    os.makedirs(eco, exist_ok=True)
    shutil.copyfile(src, os.path.join(eco, "all.zip"))
    rows, changed = [], []
    with zipfile.ZipFile(src) as z:
        for i, info in enumerate(z.infolist()):
            rec = json.loads(z.read(info))
            rows.append((rec["modified"], rec["id"]))
            if i % every == 0:
                rec["modified"] = "2026-06-01T00:00:00Z"
                rec["summary"] = rec.get("summary", "") + " (updated)"
                with open(os.path.join(eco, rec["id"] + ".json"), "w") as f:
                    json.dump(rec, f)
                changed.append((rec["modified"], rec["id"]))
    rows.sort(reverse=True)
    with open(os.path.join(eco, "modified_id-0.csv"), "w") as f:
        f.writelines(f"{t},{i}\n" for t, i in rows)
    ids = {i for _, i in changed}
    with open(os.path.join(eco, "modified_id-1pct.csv"), "w") as f:
        f.writelines(f"{t},{i}\n" for t, i in changed)
        f.writelines(f"{t},{i}\n" for t, i in rows if i not in ids)


NGINX_CONF = """daemon off;
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    types {{ text/csv csv; }}
    access_log off;
    client_body_temp_path {work}; proxy_temp_path {work};
    fastcgi_temp_path {work}; uwsgi_temp_path {work}; scgi_temp_path {work};
    keepalive_requests 100000;
    server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


def jvn_feed(fixture, dst, entries):
    """A JVN iPedia yearly detail feed of @entries records: the fixture's
    records again and again, each with an id and CVE ids of its own."""
    with open(fixture, encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split("<Vulinfo>", 1)
    blocks = ["<Vulinfo>" + b for b in rest.split("<Vulinfo>")]
    blocks[-1] = blocks[-1].replace("</VULDEF-Document>", "")
    cve = [100000]

    def next_cve(_):
        cve[0] += 1
        return "CVE-2024-%d" % cve[0]

    with open(dst, "w", encoding="utf-8") as out:
        out.write(head)
        for i in range(entries):
            b = re.sub(r"JVNDB-\d{4}-\d{6}", "JVNDB-2024-%06d" % (i + 1),
                       blocks[i % len(blocks)])
            out.write(re.sub(r"CVE-\d{4}-\d+", next_cve, b))
        out.write("</VULDEF-Document>\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root, work):
    """A local server of root: nginx when installed (a Python server
    answers fewer requests a second than the client makes), else
    tests/tools/fixture_server.py. Returns (process, base URL, name)."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx:
        port = free_port()
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(work=work, port=port,
                                      root=os.path.abspath(root)))
        proc = subprocess.Popen([nginx, "-c", conf],
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        return proc, f"http://127.0.0.1:{port}/osv", "nginx"
    portfile = os.path.join(work, "port")
    if os.path.exists(portfile):
        os.remove(portfile)
    server = os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "tests", "tools", "fixture_server.py")
    proc = subprocess.Popen([sys.executable, server, root, portfile],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(portfile):
            break
        time.sleep(0.1)
    with open(portfile) as f:
        return proc, f"http://127.0.0.1:{f.read().strip()}/osv", "fixture_server.py"


def median_row(label, times, extra=""):
    print(f"{label:<44} {statistics.median(times):8.3f} s  "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}){extra}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(root, "build-release/src/cli/tsunagi"))
    ap.add_argument("--data", default=os.path.join(root, "../shared/data"))
    ap.add_argument("--work", default="/tmp/tsunagi-bench")
    ap.add_argument("--records", type=int, default=500000)
    ap.add_argument("--jvn-entries", type=int, default=30000)
    ap.add_argument("--parts", default="osv,synth,jvn",
                    help="which measures to run (comma-separated)")
    a = ap.parse_args()
    parts = set(a.parts.split(","))
    tsn = os.path.abspath(a.bin)
    data = os.path.abspath(a.data)
    os.makedirs(a.work, exist_ok=True)
    db = os.path.join(a.work, "bench.db")

    if "osv" in parts:
        # --- shared OSV data ---------------------------------------------------
        osv = os.path.join(data, "osv")
        files = sorted(glob.glob(os.path.join(osv, "*", "*.json")))
        raw = sum(os.path.getsize(f) for f in files)
        listing = os.path.join(a.work, "osv-files.txt")
        with open(listing, "w") as f:
            f.write("\n".join(files) + "\n")
        imp, jq = [], []
        for _ in range(a.runs):
            rm_db(db)
            imp.append(run_once([tsn, "db", "import", "-q", "--db", db, osv])[0])
            jq.append(run_once(f"xargs cat < {listing} | jq -c . >/dev/null", shell=True)[0])
        size = os.path.getsize(db)
        print(f"shared OSV data: {len(files)} records, {raw:,} bytes of JSON")
        median_row("  tsunagi db import (fresh database)", imp)
        median_row("  baseline: jq -c . over the same files", jq)
        print(f"  ratio import / jq: {statistics.median(imp) / statistics.median(jq):.2f}; "
              f"database {size:,} bytes = {100 * size / raw:.1f}% of the JSON")

    if "synth" in parts:
        # --- synthetic records in one zip -------------------------------------
        big = os.path.join(a.work, f"synth-{a.records}.zip")
        if not os.path.exists(big):
            print(f"generating {big} ...", flush=True)
            tool = os.path.join(data, "..", "tools", "synth-scale-data")
            subprocess.run([tool, "zip", str(a.records), big], check=True,
                           stdout=subprocess.DEVNULL)
        upd = os.path.join(a.work, f"synth-{a.records}-1pct.zip")
        delta = os.path.join(a.work, f"synth-{a.records}-delta.zip")
        if not os.path.exists(upd) or not os.path.exists(delta):
            print(f"generating {upd} and {delta} ...", flush=True)
            changed_zip(big, upd, delta)
        with zipfile.ZipFile(big) as z:
            uncompressed = sum(i.file_size for i in z.infolist())
        full, rss, wc, jqz, update, dupdate = [], [], [], [], [], []
        base = os.path.join(a.work, "base.db")
        for r in range(a.runs):
            rm_db(db)
            t, m = run_once([tsn, "db", "import", "-q", "--db", db, big])
            full.append(t)
            rss.append(m)
            if r == 0:
                size = os.path.getsize(db)
                rm_db(base)
                shutil.copyfile(db, base)
            wc.append(run_once(f"unzip -p {big} | wc -c >/dev/null", shell=True)[0])
            jqz.append(run_once(f"unzip -p {big} | jq -c . >/dev/null", shell=True)[0])
            rm_db(db)
            shutil.copyfile(base, db)
            os.sync()  # the copy's dirty pages would be the update's fsync
            update.append(run_once([tsn, "db", "import", "-q", "--db", db, upd])[0])
            rm_db(db)
            shutil.copyfile(base, db)
            os.sync()  # the copy's dirty pages would be the update's fsync
            dupdate.append(run_once([tsn, "db", "import", "-q", "--db", db, delta])[0])
        print(f"{a.records:,} synthetic records: {uncompressed:,} bytes of JSON, "
              f"zip {os.path.getsize(big):,} bytes")
        median_row("  tsunagi db import (fresh database)", full,
                   f"; peak RSS {max(rss) / 2**20:.0f} MiB")
        median_row("  baseline: unzip -p | wc -c", wc)
        median_row("  baseline: unzip -p | jq -c .", jqz)
        print(f"  database {size:,} bytes = {100 * size / uncompressed:.1f}% of the JSON; "
              f"import / unzip|wc {statistics.median(full) / statistics.median(wc):.2f}, "
              f"import / unzip|jq {statistics.median(full) / statistics.median(jqz):.2f}")
        median_row("  update: whole archive, 1% changed", update)
        median_row("  update: the changed 1% alone", dupdate)
        print(f"  update / full import: whole archive "
              f"{100 * statistics.median(update) / statistics.median(full):.1f}%, "
              f"changed records alone "
              f"{100 * statistics.median(dupdate) / statistics.median(full):.1f}%")

        # --- db update against a local server ----------------------------------
        www = os.path.join(a.work, "www")
        served_update(big, www)
        eco = os.path.join(www, "osv", "PyPI")
        proc, url, served_by = start_server(www, a.work)
        with open(os.path.join(eco, "modified_id-1pct.csv")) as f:
            urls = [f"{url}/PyPI/{line.split(',')[1].strip()}.json"
                    for line in f if "2026-06-01" in line]
        curlcfg = os.path.join(a.work, "curl.cfg")
        with open(curlcfg, "w") as f:
            for u in [f"{url}/PyPI/modified_id.csv"] + urls:
                f.write(f'url = "{u}"\noutput = "/dev/null"\n')
        try:
            shutil.copyfile(os.path.join(eco, "modified_id-0.csv"),
                            os.path.join(eco, "modified_id.csv"))
            rm_db(base)
            first = run_once([tsn, "db", "update", "-q", "--db", base, "--source",
                              "osv:PyPI", "--url", url])[0]
            shutil.copyfile(os.path.join(eco, "modified_id-1pct.csv"),
                            os.path.join(eco, "modified_id.csv"))
            served, fetched = [], []
            for _ in range(a.runs):
                rm_db(db)
                shutil.copyfile(base, db)
                os.sync()  # the copy's dirty pages would be the update's fsync
                served.append(run_once([tsn, "db", "update", "-q", "--db", db,
                                        "--source", "osv:PyPI", "--url", url])[0])
                fetched.append(run_once(["curl", "-sf", "--parallel",
                                         "--parallel-max", "8", "-K", curlcfg])[0])
        finally:
            proc.terminate()
            proc.wait()
        print(f"  db update osv:PyPI from a local server ({served_by}): the first "
              f"(all.zip) {first:.2f} s")
        median_row(f"  db update, 1% changed ({len(urls)} records)", served)
        median_row("  baseline: curl --parallel, the list and records", fetched)
        print(f"  db update / full import: "
              f"{100 * statistics.median(served) / statistics.median(full):.1f}%; "
              f"db update / curl: "
              f"{statistics.median(served) / statistics.median(fetched):.2f}")
        rm_db(db)
        rm_db(base)
    if "jvn" in parts:
        # --- a JVN iPedia yearly feed of real size ----------------------------
        feed = os.path.join(a.work, f"jvndb_detail_{a.jvn_entries}.rdf")
        if not os.path.exists(feed):
            jvn_feed(os.path.join(root, "tests/resources/jvn/jvndb_detail_2025.rdf"),
                     feed, a.jvn_entries)
        imp, rss, xl = [], [], []
        for _ in range(a.runs):
            rm_db(db)
            t, m = run_once([tsn, "db", "import", "-q", "--db", db, feed])
            imp.append(t)
            rss.append(m)
            xl.append(run_once(["xmllint", "--noout", "--stream", feed])[0])
        print(f"JVN iPedia detail feed: {a.jvn_entries:,} records, "
              f"{os.path.getsize(feed):,} bytes of XML")
        median_row("  tsunagi db import (fresh database)", imp,
                   f"; peak RSS {statistics.median(rss) / 2**20:.0f} MiB")
        median_row("  baseline: xmllint --noout --stream", xl)
        print(f"  ratio import / xmllint: "
              f"{statistics.median(imp) / statistics.median(xl):.2f}; database "
              f"{os.path.getsize(db):,} bytes")
        rm_db(db)


if __name__ == "__main__":
    main()
