#!/usr/bin/env python3
"""builds.py: one library's Debug and Release runs set side by side, line by line.

    python3 bench/differential/builds.py --root LIBRARY_ROOT \
        --flowcover DEBUG.json RELEASE.json --cobertura DEBUG.xml RELEASE.xml [--package NAME]

The same tests run on both builds, so a line both builds list ran as often in each, unless the
builds run different code (`Debug.Assert` and `#if DEBUG` are compiled in Debug only, and what
they call runs more there). Prints, as Markdown, every line both FlowCover reports list whose
count differs between the builds, with Coverlet's counts of that line in each build beside it.
Where Coverlet's counts differ alike, the builds ran different code, or both tools read the
Release line from the same place (a difference to look into all the same: docs/differential.md,
"Release"); where they do not, FlowCover's count in one build is to be explained.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import Sources, read_cobertura, read_flowcover  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="the library's source root")
    ap.add_argument("--flowcover", nargs=2, required=True, metavar=("DEBUG", "RELEASE"))
    ap.add_argument("--cobertura", nargs=2, required=True, metavar=("DEBUG", "RELEASE"))
    ap.add_argument("--package", action="append", default=[], help="keep only this Cobertura package")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    fd, fr = (read_flowcover(p, root)[1] for p in args.flowcover)
    cd, cr = (read_cobertura(p, root, set(args.package))[0] for p in args.cobertura)
    src = Sources(root)

    def hits(tool, rel, n):
        line = tool.get(rel, {}).get(n)
        return "-" if line is None else str(line.hits)

    both, rows = 0, []
    for rel in sorted(set(fd) & set(fr)):
        for n in sorted(set(fd[rel]) & set(fr[rel])):
            both += 1
            if fd[rel][n].hits != fr[rel][n].hits:
                alike = hits(cd, rel, n) == str(fd[rel][n].hits) and hits(cr, rel, n) == str(fr[rel][n].hits)
                rows.append((rel, n, alike))
    print(f"Lines both FlowCover reports list: {both}; whose count differs between the builds: {len(rows)}"
          f" (Coverlet's counts differ alike on {sum(1 for r in rows if r[2])}).\n")
    print("| line | FlowCover Debug | FlowCover Release | Coverlet Debug | Coverlet Release | source |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for rel, n, _ in rows:
        print(f"| {rel}:{n} | {fd[rel][n].hits} | {fr[rel][n].hits} | {hits(cd, rel, n)} | {hits(cr, rel, n)} "
              f"| `{src.text(rel, n)[:60]}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
