#!/usr/bin/env python3
"""perf-threads.py < perf-script-output: where a `flowcover run --no-cache` spends its wall time, by thread.

Reads `perf script -F comm,tid,time,ip,sym` of a `perf record -g` run of the native CLI and prints:
- per thread: its samples (CPU seconds at the sampling rate given as the first argument, 999 by
  default), its first and last sample, and its samples by activity (the first of ACTIVITIES its
  stack holds);
- a timeline in windows of 100 ms: samples by activity, and how many of the machine's cores
  (the second argument, 2 by default) were busy in it (a window with fewer samples than cores
  times the rate is idle CPU, or CPU another process took);
- the top 20 functions by inclusive samples (a function counted once per sample whose stack
  holds it; the frames of SCAFFOLD, which nearly every stack holds, left out) and by self
  samples (the innermost frame).

    perf record -F 999 -g -o run.perf flowcover run --no-cache --target Big/bin/Debug/net10.0 --include Big --data-file X -- true
    perf script -i run.perf -F comm,tid,time,ip,sym | python3 bench/perf-threads.py 999 2
"""
import collections
import re
import sys

from perf_script import records

ACTIVITIES = [
    ("gc", r"gc_heap|GCHeap|gc_thread|WKS__|SVR__"),
    ("parse", r"SourceTrees__Parse"),
    ("read", r"BodyPipeline__Read|ForEachReadInOrder_g__Accepted"),
    ("plan", r"BodyPipeline__Plan"),
    ("number", r"BodyPipeline__Number"),
    ("encode", r"BodyPipeline___c__DisplayClass\d+_0___Encode"),
    ("bodies (other)", r"MethodWork"),
    ("write", r"Writing_|AssemblyInstrumenter__Write|JournalWriter|ModelJson"),
    ("model", r"AssemblyInstrumenter__BuildModel|Model_"),
    ("check", r"DamagedInput"),
]
PATTERNS = [(name, re.compile(pattern)) for name, pattern in ACTIVITIES]
HEADER = re.compile(r"^(.*?)\s+(\d+)\s+([\d.]+):")
# Frames every thread's stack holds (thread start, the pool, Parallel, the CLI's entry and the
# pipeline's stages): left out of the inclusive table, which would otherwise start with them.
SCAFFOLD = re.compile(r"Threading|libc|_Main|CommandLine|Cli_|StartupCode|Parallel|ExecutionContext|ThreadPool"
                      r"|MethodWork|BodyPipeline|AssemblyInstrumenter|PreparedAssembly|start_thread|^\[unknown\]$"
                      r"|gc_thread_function|garbage_collect|gc_heap::gc1$|Lazy_1")


def symbol(frame):
    parts = frame.split(None, 1)
    return parts[1] if len(parts) > 1 else parts[0]


def activity(stack):
    for name, pattern in PATTERNS:
        if any(pattern.search(frame) for frame in stack):
            return name
    return "other"


def short(name, width=110):
    name = name.replace("FlowCover_Instrumentation_FlowCover_Instrumentation_", "FC.")
    name = name.replace("Microsoft_CodeAnalysis_Microsoft_CodeAnalysis_CSharp_", "Roslyn.CS.")
    name = name.replace("Microsoft_CodeAnalysis_Microsoft_CodeAnalysis_", "Roslyn.")
    return name if len(name) <= width else name[: width - 3] + "..."


def main():
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 999.0
    cores = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    threads = collections.defaultdict(lambda: {"n": 0, "first": None, "last": None, "act": collections.Counter()})
    windows = collections.defaultdict(collections.Counter)
    inclusive, self_ = collections.Counter(), collections.Counter()
    names, start, total = {}, None, 0
    for header, frames in records(sys.stdin):
        head = HEADER.match(header)
        if not head:
            continue
        comm, tid, time = head.group(1).strip(), int(head.group(2)), float(head.group(3))
        start = time if start is None else start
        stack = [symbol(frame) for frame in frames]
        what = activity(stack)
        thread = threads[tid]
        names.setdefault(tid, comm)
        thread["n"] += 1
        thread["first"] = time if thread["first"] is None else thread["first"]
        thread["last"] = time
        thread["act"][what] += 1
        windows[int((time - start) * 10)][what] += 1
        total += 1
        for name in set(stack):
            if not SCAFFOLD.search(name):
                inclusive[name] += 1
        if stack:
            self_[stack[0]] += 1
    print(f"{total} samples, {total / rate:.2f} s of CPU at {rate:g} Hz\n")
    print("| thread | CPU s | first-last s | by activity (samples) |")
    print("| --- | ---: | --- | --- |")
    for tid, thread in sorted(threads.items(), key=lambda item: -item[1]["n"]):
        if thread["n"] < rate / 100:
            continue
        acts = ", ".join(f"{name} {count}" for name, count in thread["act"].most_common())
        print(f"| {names[tid]} {tid} | {thread['n'] / rate:.2f} | {thread['first'] - start:.2f}-{thread['last'] - start:.2f} | {acts} |")
    print("\n| window s | cores busy | by activity (samples) |")
    print("| --- | ---: | --- |")
    for window in sorted(windows):
        count = sum(windows[window].values())
        acts = ", ".join(f"{name} {n}" for name, n in windows[window].most_common())
        print(f"| {window / 10:.1f} | {count / (rate / 10):.2f} of {cores} | {acts} |")
    for title, counter in (("inclusive", inclusive), ("self", self_)):
        print(f"\n| # | function ({title}) | samples | share |")
        print("| ---: | --- | ---: | ---: |")
        for rank, (name, count) in enumerate(counter.most_common(20), 1):
            print(f"| {rank} | {short(name)} | {count} | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    main()
