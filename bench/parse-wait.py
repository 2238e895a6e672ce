#!/usr/bin/env python3
"""parse-wait.py < perf-script-output: how long the parse of a source file ran alone.

Reads `perf script -F tid,time,ip,sym` of a `perf record -g` run of `flowcover run --no-cache`
(the native CLI, whose symbols perf reads) and prints, in seconds from the first sample: when
Roslyn's parse (`CSharpSyntaxTree.ParseText`) had its first and last sample, its CPU (samples
over the sampling rate given as the first argument, 499 by default), how many samples of other
work fell inside that window, and when the first planner (`BodyPipeline.Plan`) had one. A
parse that runs alone, with no planner beside it, is wall time on one core that planning the IL
first could share (docs/instrumenting-speed.md, top section).

    perf record -F 499 -g -o run.perf flowcover run --no-cache --target Big/bin/Debug/net10.0 --include Big --data-file X -- true
    perf script -i run.perf -F tid,time,ip,sym | python3 bench/parse-wait.py 499
"""
import re
import sys


def samples(lines):
    current = None
    for line in lines:
        if not line.strip():
            if current:
                yield current
            current = None
            continue
        head = re.match(r"\s*\d+\s+([\d.]+):", line)
        if head:
            current = (float(head.group(1)), [])
        elif current is not None:
            current[1].append(line.strip())
    if current:
        yield current


def main() -> int:
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 499.0
    all_samples = list(samples(sys.stdin))
    if not all_samples:
        print("parse-wait.py: no samples on standard input", file=sys.stderr)
        return 2
    start = min(t for t, _ in all_samples)
    parse = [t - start for t, frames in all_samples if any("ParseText" in f for f in frames)]
    plan = [t - start for t, frames in all_samples if any("BodyPipeline__Plan" in f for f in frames)]
    end = max(t for t, _ in all_samples) - start
    print(f"run: {len(all_samples)} samples over {end:.2f} s")
    if not parse:
        print("no parse sampled")
        return 0
    first, last = min(parse), max(parse)
    beside = sum(1 for t, frames in all_samples if first <= t - start <= last and not any("ParseText" in f for f in frames))
    print(f"parse: {first:.2f}-{last:.2f} s, {len(parse)} samples ({len(parse) / rate:.2f} s CPU), {beside} samples of other work in that window")
    if plan:
        print(f"first planner sample: {min(plan):.2f} s; planner samples inside the parse: {sum(1 for t in plan if first <= t <= last)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
