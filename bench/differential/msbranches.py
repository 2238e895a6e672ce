#!/usr/bin/env python3
"""msbranches.py: Microsoft's branch figures against FlowCover's outcomes, line by line.

    python3 bench/differential/msbranches.py --root LIBRARY_ROOT --flowcover fc.json \
        --microsoft microsoft.cobertura.xml [--coverlet coverage.cobertura.xml] \
        --package NAME [--package NAME.dll ...] [--name LABEL] [--all]

Microsoft's code coverage (Microsoft.CodeCoverage) writes, per line, the IL branch outcomes it
counts and how many of them it saw taken, as Coverlet does. This sorts every line both reports
list whose figures differ into compare.py's categories (read from the source line and the two
figures), and sets beside each line Coverlet's figures for it on the same build, when a Coverlet
file is given:
  - "as Coverlet": Microsoft counts the same outcomes as Coverlet and the same taken, so the
    category's reading of the IL (docs/differential.md, "Branches") holds for Microsoft too;
  - "outcomes as Coverlet, taken differs": the same IL outcomes, seen taken differently;
  - "other outcomes than Coverlet": Microsoft counts other IL branches on the line than Coverlet;
    every such line is listed, to be read against the IL.
For "same outcomes, Microsoft claims more taken", Microsoft's Cobertura gives a line 0 or 1, not
a count, so the bound compare.py computes from a line's count is computed from Coverlet's counts
of the line and of its body's first line (the same build and tests): where Microsoft claims more
outcomes taken than that bound allows, the line is marked proven.
Outcomes Microsoft files on lines FlowCover does not list are counted by what is on the line.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (the readers, the source lines, the categories)

# Microsoft's own shapes, sorted before compare.py's categories (each checked against the IL and
# Coverlet's figures: docs/differential.md, "Microsoft's tool, Release, and its branches").
OWN = {
    "ms-await-no-branch": (
        "FlowCover more: Microsoft reports no branch on a line holding an `await`",
        "FlowCover is right: the condition is the user's and both tools that count it (FlowCover, "
        "Coverlet) see it run; Microsoft drops every branch of the line, the user's with the awaiter's"),
    "ms-switch-no-branch": (
        "FlowCover more: Microsoft reports no branch on a `switch` (on a string, a nullable, a char)",
        "FlowCover is right: the case labels are the user's decision; Microsoft files the switch's "
        "IL branches on no line at all"),
    "ms-method-group": (
        "Microsoft more: the null test of a method group's cached delegate (`char.ToLowerInvariant`, "
        "`Name = Method` in an initializer)",
        "FlowCover is right: the cache test is the compiler's (compare.py's cached-delegate category, "
        "whose text rule misses these method groups)"),
    "ms-jump-form": (
        "FlowCover more: FlowCover's jump form on a line with no decision (a collection expression's spreads)",
        "Microsoft is right by the contract: no decision in the source; FlowCover reports the IL's branches "
        "in the jump form (honest counts, labelled by target: annotations.md, issue 25's open jump-form lines), "
        "Coverlet counts them too"),
}
JUMP_FORM = ("the jump to", "going on to")
# A method group passed or assigned: a dotted name ending in a capitalised member, standing alone
# as an argument, an assigned value or a `??` operand. Only a guess from the text, so it is used
# only on lines compare.py leaves in "other" where Microsoft has an even surplus of outcomes.
METHOD_GROUP = re.compile(r"(?:[=(,]|\?\?)\s*(?:[A-Za-z_]\w*\.)*[A-Z]\w*\s*(?=[,;)}]|$)")


def own_category(key, stmt, fc, ms):
    """Microsoft's own shape of a line compare.py sorted as key, or key itself."""
    if key == "coverlet-no-branch" and fc.outcomes and all(o["label"].startswith(JUMP_FORM) for o in fc.outcomes):
        return "ms-jump-form"
    if key == "coverlet-no-branch" and ms.total == 0:
        if "await" in stmt:
            return "ms-await-no-branch"
        if re.match(r"switch\s*\(", stmt):
            return "ms-switch-no-branch"
    if key == "coverlet-more-other" and (ms.total - fc.total) % 2 == 0 and METHOD_GROUP.search(stmt):
        return "ms-method-group"
    return key


RELATIONS = ("as Coverlet", "outcomes as Coverlet, taken differs", "other outcomes than Coverlet", "no Coverlet line")


def relation(ms, cl):
    if cl is None:
        return RELATIONS[3]
    if cl.total != ms.total:
        return RELATIONS[2]
    return RELATIONS[0] if cl.taken == ms.taken else RELATIONS[1]


def title(key):
    """The category's title, compare.py's said of Microsoft's tool."""
    return OWN[key][0] if key in OWN else compare.CATEGORIES[key][0].replace("Coverlet", "Microsoft")


ORDER = [*OWN, *compare.CATEGORIES]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="the folder the build's PDB names the sources under")
    ap.add_argument("--flowcover", required=True, help="FlowCover's JSON report")
    ap.add_argument("--microsoft", required=True, help="Microsoft's Cobertura file")
    ap.add_argument("--coverlet", help="Coverlet's Cobertura file on the same build (optional)")
    ap.add_argument("--package", action="append", default=[], help="keep only this Cobertura package; repeatable")
    ap.add_argument("--name", help="the library's name in the tables")
    ap.add_argument("--all", action="store_true", help="list every line of every category, not one example")
    args = ap.parse_args()

    root = os.path.realpath(args.root)
    name = args.name or os.path.basename(root)
    packages = set(args.package)
    _, fc = compare.read_flowcover(args.flowcover, root)
    ms, _ = compare.read_cobertura(args.microsoft, root, packages)
    cl = compare.read_cobertura(args.coverlet, root, packages)[0] if args.coverlet else {}
    src = compare.Sources(root)

    rows = []  # (category, relation, rel, n)
    only_ms = collections.Counter()
    only_ms_example = {}
    for rel in sorted(set(fc) | set(ms)):
        a, b = fc.get(rel, {}), ms.get(rel, {})
        for n in sorted(b):
            if n not in a:
                if b[n].total:
                    k = compare.kind_of_coverlet_only_line(src.text(rel, n))
                    only_ms[k] += b[n].total
                    only_ms_example.setdefault(k, (rel, n))
                continue
            if (a[n].taken, a[n].total) == (b[n].taken, b[n].total):
                continue
            switch_after = any(k in a and k not in b and re.match(r"switch\s*\(", src.text(rel, k))
                               for k in [*range(n + 1, n + 13), *range(n - 8, n)])
            stmt = src.statement(rel, n)
            key = own_category(compare.categorize(stmt, a[n], b[n], [src.text(rel, k) for k in range(n + 1, n + 4)],
                                                  switch_after), stmt, a[n], b[n])
            rows.append((key, relation(b[n], cl.get(rel, {}).get(n) if cl else None), rel, n))

    def outcomes(files):
        return sum(line.total for lines in files.values() for line in lines.values())

    print(f"## {name}: Microsoft's branches against FlowCover's outcomes\n")
    print("| library | FlowCover outcomes | Microsoft outcomes | Coverlet outcomes | lines whose figures differ "
          "| Microsoft outcomes on lines FlowCover does not list |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {name} | {outcomes(fc):,} | {outcomes(ms):,} | {outcomes(cl):,} | {len(rows):,} "
          f"| {sum(only_ms.values()):,} |\n")

    by_key = collections.defaultdict(list)
    for key, rel_kind, rel, n in rows:
        by_key[key].append((rel_kind, rel, n))
    print("| category | lines | outcomes (FlowCover - Microsoft) | " + " | ".join(RELATIONS) + " |")
    print("| --- | ---: | ---: |" + " ---: |" * len(RELATIONS))
    for key in ORDER:
        got = by_key.get(key, [])
        if got:
            delta = sum(fc[r][n].total - ms[r][n].total for _, r, n in got)
            kinds = collections.Counter(k for k, _, _ in got)
            print(f"| {title(key)} | {len(got)} | {delta:+d} | " + " | ".join(str(kinds[k]) for k in RELATIONS) + " |")
    print()

    for key in ORDER:
        got = by_key.get(key, [])
        if not got:
            continue
        print(f"### {title(key)}: {len(got)} lines\n")
        if key == "coverlet-taken" and cl:
            proven = []
            for _, rel, n in got:
                # Coverlet's counts of the lines, Microsoft's figures on the line itself.
                counts = {k: compare.Line(v.hits, v.taken, v.total) for k, v in cl.get(rel, {}).items()}
                if n in counts:
                    counts[n] = compare.Line(counts[n].hits, ms[rel][n].taken, ms[rel][n].total)
                    if compare.proven_by_coverlet_counts(rel, n, fc[rel][n], counts, fc[rel], src):
                        proven.append((rel, n))
            print(f"Proven from Coverlet's line counts (the condition went one way only, and Microsoft claims "
                  f"more outcomes taken than that allows): {len(proven)} of {len(got)}.\n")
        shown = list(got) if args.all else got[:1]
        # Lines whose IL outcomes are not Coverlet's are always listed: each is to be read.
        shown += [g for g in got if g not in shown and g[0] == RELATIONS[2]]
        for rel_kind, rel, n in shown:
            a, b = fc[rel][n], ms[rel][n]
            c = cl.get(rel, {}).get(n) if cl else None
            labels = ", ".join(f"{o['label']} {o['hits']}" for o in a.outcomes)
            other = f", Coverlet {c.taken}/{c.total}" if c else ""
            print(f"- {rel}:{n} FlowCover {a.taken}/{a.total} ({labels or 'no outcome'}), Microsoft {b.taken}/{b.total}"
                  f"{other} [{rel_kind}]: `{src.text(rel, n)[:110]}`")
        if len(got) > len(shown):
            print(f"- ... {len(got) - len(shown)} more (--all lists them)")
        print()

    if only_ms:
        print("### Microsoft's outcomes on lines FlowCover does not list\n")
        print("| on the line | outcomes | example |")
        print("| --- | ---: | --- |")
        for k, count in only_ms.most_common():
            rel, n = only_ms_example[k]
            print(f"| {k} | {count} | {rel}:{n} `{src.text(rel, n)[:60]}` |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
