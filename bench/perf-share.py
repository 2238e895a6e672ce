#!/usr/bin/env python3
"""perf-share.py < perf-script-output: where a `flowcover run --no-cache` spends its CPU, by part.

Reads `perf script -F tid,time,ip,sym` of a `perf record -g` run of the native CLI and prints, for
each part below, the samples whose call stack holds one of its functions (a sample counts once,
for the first part it matches, in this order), as a share of all samples and as seconds at the
sampling rate given as the first argument (999 by default). The parts are those of
docs/instrumenting-speed.md: the parse of the source, the collector, the source model's lookups
and labels, Cecil, probing and encoding, the filters and the rest of planning, line sharing.

    DOTNET_PerfMapEnabled=1 perf record -F 999 -g -o run.perf flowcover run --no-cache --target Big/bin/Debug/net10.0 --include Big --data-file X -- true
    perf script -i run.perf -F tid,time,ip,sym | python3 bench/perf-share.py 999
"""
import re
import sys

from perf_script import records

PARTS = [
    ("the parse (Roslyn)", r"SourceTrees__Parse|CSharpSyntaxTree__ParseText"),
    ("the collector", r"gc_heap|GCHeap|gc_thread"),
    ("source lookups and labels", r"Source_SourceDocument|Analysis_SourceOutcomeLabels|Analysis_OutcomeLabels|SourceFiles__"
     r"|SourceStatements__SyntaxFor|SourceStatements__GiveSwitchPoints"),
    ("Cecil", r"Mono_Cecil"),
    ("probing and encoding", r"BodyRewriter|Encode|BodyProbes|ProbeEmitter"),
    ("filters and the rest of MethodAnalyzer", r"MethodAnalyzer__Analyze"),
    ("line sharing", r"Sharing_"),
]


def main():
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 999
    patterns = [re.compile(p) for _, p in PARTS]
    counts = [0] * len(PARTS)
    total = 0
    for _, stack in records(sys.stdin):
        total += 1
        for k, pattern in enumerate(patterns):
            if any(pattern.search(frame) for frame in stack):
                counts[k] += 1
                break
    if total == 0:
        sys.exit("no samples")
    print(f"{total} samples, {total / rate:.2f} s")
    for (name, _), n in zip(PARTS, counts):
        print(f"{100 * n / total:5.1f} %  {n / rate:5.2f} s  {name}")
    rest = total - sum(counts)
    print(f"{100 * rest / total:5.1f} %  {rest / rate:5.2f} s  the rest (reading bodies, writing, the session)")


if __name__ == "__main__":
    main()
