#!/usr/bin/env python3
"""Sum BuildsAgree DIR outputs (seed-N.txt) by kind; or --diff two dirs line by line.
usage: agreesum.py DIR [a-b] | agreesum.py A B --diff"""
import sys, os, re, collections
KINDS = ["COUNT", "OUTCOME-COUNT", "NAMED-COUNT", "LABEL+SUM", "DECISION", "MISSING", "EXTRA", "LABEL"]
def load(d):
    out = {}
    for f in os.listdir(d):
        m = re.match(r"seed-(\d+)\.txt$", f)
        if not m: continue
        seed = int(m.group(1))
        for l in open(os.path.join(d, f)):
            l = l.rstrip("\n")
            if not l: continue
            kind = l.split(" ", 1)[0]
            ln = re.match(r"\S+ line (\d+)", l).group(1)
            out[(seed, int(ln))] = (kind, l)
    return out
args = [a for a in sys.argv[1:] if not a.startswith("--")]
if "--diff" in sys.argv:
    a, b = load(args[0]), load(args[1])
    seeds = {k[0] for k in b}
    moved = collections.Counter()
    for k in sorted(set(a) | set(b)):
        if k[0] not in seeds or k[0] not in {x[0] for x in a}: continue
        ka = a.get(k, ("agree", ""))[0]; kb = b.get(k, ("agree", ""))[0]
        if ka != kb or a.get(k, ("", ""))[1] != b.get(k, ("", ""))[1]:
            moved[(ka, kb)] += 1
            print(f"{k[0]}:{k[1]} {ka} -> {kb}\n   A {a.get(k,('',''))[1]}\n   B {b.get(k,('',''))[1]}")
    for (x, y), n in moved.most_common(): print(f"# {x} -> {y}: {n}")
else:
    d = load(args[0])
    lo, hi = (map(int, args[1].split("-")) if len(args) > 1 else (0, 10**9))
    c = collections.Counter(v[0] for k, v in d.items() if lo <= k[0] <= hi)
    print(" ".join(f"{k} {c[k]}" for k in KINDS))
