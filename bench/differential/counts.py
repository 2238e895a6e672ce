#!/usr/bin/env python3
"""counts.py: FlowCover's line counts (count mode) against a Cobertura file's, line by line.

    python3 bench/differential/counts.py --root LIBRARY_ROOT --flowcover fc.json \
        --cobertura coverage.cobertura.xml [--package NAME] [--all]

compare.py compares hits (a line hit or missed); this compares the counts themselves, on the
lines both reports list. Each tool measured its own run of the tests, so a count may differ only
where the line holds several sequence points (Coverlet sums them), where the suite does not run
the same code twice, or where one tool is wrong. The lines whose counts differ are sorted by
what is on them; a line of one statement is listed under "one statement", which must be read
line by line before saying the tools agree (docs/differential.md, "Lines").
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (the readers and the source lines)

KINDS = [
    ("`for` header (initializer, condition and step are points of their own)", re.compile(r"for\s*\(")),
    ("`foreach` header (the `foreach`, the `in` and the loop's points)", re.compile(r"foreach\s*\(")),
    ("`while (true)` (FlowCover counts each start of the body, annotations.md)", re.compile(r"while\s*\(\s*true\s*\)")),
    ("a lambda or an anonymous method on the line", re.compile(r"=>|\bdelegate\b")),
    ("accessor or constructor whose body or initializer is on the line", re.compile(r"\{\s*(get|set|init)\b|\)\s*:\s*(base|this)\s*\(|^(get|set)\s*\{")),
    ("query clause", re.compile(r"^(from|where|group|select|orderby|join|let)\b")),
    ("`} while (...)` of a `do`", re.compile(r"^\}\s*while\b")),
]


def kind(text, fc_hits, cl_hits):
    for name, pattern in KINDS:
        if pattern.search(text):
            return name
    if (text.count(";") > 1 or re.match(r"(if|else|catch|while)\b.*\)\s*[^)\s]", text) or text.endswith("{")
            or re.match(r"catch\b.*\{", text)):
        return "several statements or points on the line"
    return "one statement: FlowCover more" if fc_hits > cl_hits else "one statement: Coverlet more"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--flowcover", required=True)
    ap.add_argument("--cobertura", required=True)
    ap.add_argument("--package", action="append", default=[])
    ap.add_argument("--all", action="store_true", help="list every differing line, not only one-statement lines")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    _, fc = compare.read_flowcover(args.flowcover, root)
    cl, _ = compare.read_cobertura(args.cobertura, root, set(args.package))
    src = compare.Sources(root)
    both = equal = 0
    groups = collections.defaultdict(list)
    for rel, lines in sorted(fc.items()):
        for n, line in sorted(lines.items()):
            other = cl.get(rel, {}).get(n)
            if other is None:
                continue
            both += 1
            if line.hits == other.hits:
                equal += 1
                continue
            text = src.text(rel, n)
            groups[kind(text, line.hits, other.hits)].append((rel, n, line.hits, other.hits, text))
    print(f"Lines both list: {both:,}; same count: {equal:,}.\n")
    print("| on the line | lines |")
    print("| --- | ---: |")
    for name, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"| {name} | {len(rows):,} |")
    for name, rows in sorted(groups.items()):
        if args.all or name.startswith("one statement"):
            print(f"\n{name}: {len(rows)}\n")
            for rel, n, a, b, text in rows:
                print(f"- {rel}:{n} FlowCover {a:,}, other {b:,}: `{text[:100]}`")


if __name__ == "__main__":
    main()
