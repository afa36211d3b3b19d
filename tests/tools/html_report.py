#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reads a `tsunagi scan --format html` page as XML (it must be
well-formed) and prints what it says as JSON, for the tests to query:

{"lang": "en", "title": "...", "meta": "...",
 "overview": [[cell, ...], ...],
 "sections": [{"id": "sbom-1", "name": "...", "cards": {label: n},
               "charts": {caption: {label: n}},
               "tables": {heading: [[cell text, ...], ...]}}],
 "footer": "...",
 "loads": [what the page would fetch: src, link, script, object, ...],
 "links": [every a/@href]}

Usage: html_report.py FILE"""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def text(e):
    return " ".join(" ".join(e.itertext()).split())


def rows(table):
    return [[text(td) for td in tr if td.tag in (NS + "td", NS + "th")]
            for tr in table.iter(NS + "tr")
            if any(td.tag == NS + "td" for td in tr)]


def chart(fig):
    cap = text(fig.find(NS + "figcaption"))
    svg = fig.find(SVG + "svg")
    texts = [t for t in svg.iter(SVG + "text")]
    # label, then count, per bar (a label's text comes first, then its count)
    bars = {}
    for i in range(0, len(texts) - 1, 2):
        bars[text(texts[i])] = int(text(texts[i + 1]))
    return cap, bars


def main():
    root = ET.parse(sys.argv[1]).getroot()
    out = {"lang": root.get("lang"), "loads": [], "links": []}
    head = root.find(NS + "head")
    out["title"] = text(head.find(NS + "title"))
    out["csp"] = [m.get("content") for m in head.iter(NS + "meta")
                  if m.get("http-equiv") == "Content-Security-Policy"]
    for e in root.iter():
        tag = e.tag.split("}")[-1]
        if tag in ("script", "link", "iframe", "object", "embed", "img",
                   "image", "use", "audio", "video", "source"):
            out["loads"].append(tag)
        for attr in ("src", "srcset", "data", "{http://www.w3.org/1999/xlink}href"):
            if e.get(attr):
                out["loads"].append(f"{tag}@{attr}")
        if e.get("style") and "url(" in e.get("style"):
            out["loads"].append(f"{tag}@style")
        if tag == "style" and "url(" in (e.text or ""):
            out["loads"].append("style")
        if tag == "a":
            out["links"].append(e.get("href"))
    body = root.find(NS + "body")
    out["meta"] = text(body.find(NS + "p"))
    top = body.find(NS + "table")
    out["overview"] = rows(top) if top is not None else []
    out["sections"] = []
    for sec in body.iter(NS + "section"):
        s = {"id": sec.get("id"), "name": text(sec.find(NS + "h2")),
             "cards": {}, "charts": {}, "tables": {}}
        for c in sec.iter(NS + "div"):
            if c.get("class", "").split()[:1] == ["card"]:
                b = c.find(NS + "b")
                s["cards"][text(c)[len(text(b)):].strip()] = int(text(b))
        for fig in sec.iter(NS + "figure"):
            cap, bars = chart(fig)
            s["charts"][cap] = bars
        heading = None
        for e in sec:
            if e.tag == NS + "h3":
                heading = text(e)
            elif e.tag == NS + "table":
                s["tables"][heading] = rows(e)
            elif e.tag == NS + "p" and heading and heading not in s["tables"]:
                s["tables"][heading] = []
        out["sections"].append(s)
    f = body.find(NS + "footer")
    out["footer"] = text(f) if f is not None else ""
    json.dump(out, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
