#!/usr/bin/env python3
r"""gc-share.py perf-script-output: the collector's CPU samples of one run, by collection and generation.

bench/perf-share.py gives the collector's share of a `flowcover run --no-cache`; this splits that
share by the collections themselves, so the generation that costs can be told from the one that
runs often. A uprobe on the native CLI's server GC names each collection's generation as it is
chosen (perf needs the CLI's flowcover.dbg beside it; `\:` keeps perf from reading `::` as a line
number; the probe stays until `perf probe -d probe_flowcover:jcond__return`):

    perf probe -x cli/flowcover -a 'jcond=SVR\:\:gc_heap\:\:joined_generation_to_condemn%return ret=$retval:s32'
    DOTNET_PerfMapEnabled=1 perf record -F 999 -g -e cpu-clock -e probe_flowcover:jcond__return -o gc.perf cli/flowcover run --no-cache ...
    perf script -i gc.perf -F tid,time,event,trace,ip,sym | python3 bench/gc-share.py

A sample whose stack holds the collector (`gc_heap`, `GCHeap`) counts for the collection begun
last: the collection's own work, and the clearing of fresh allocation space that the allocating
threads do until the next one (`a_fit_segment_end_p`, shown apart). Prints one line per
collection (seconds from the first event, generation, samples) and the sums by generation.
"""
import collections
import re
import sys

from perf_script import records

COLLECTOR = re.compile(r"gc_heap|GCHeap|gc_thread")
CLEARING = re.compile(r"a_fit_segment_end_p")


def events(lines):
    for header, stack in records(lines):
        m = re.match(r"\s*(\d+)\s+([\d.]+):\s+(\S+):\s*(.*)", header)
        if m:
            yield {"t": float(m.group(2)), "event": m.group(3), "trace": m.group(4), "stack": stack}


def main():
    ordered = sorted(events(sys.stdin), key=lambda e: e["t"])
    if not ordered:
        sys.exit("no events")
    collections_ = []  # [start, generation, samples, clearing samples]
    total = collector = 0
    for e in ordered:
        if "jcond" in e["event"]:
            collections_.append([e["t"], int(re.search(r"ret=(-?\d+)", e["trace"]).group(1)), 0, 0])
        elif e["event"].startswith("cpu-clock"):
            total += 1
            if any(COLLECTOR.search(frame) for frame in e["stack"]):
                collector += 1
                if collections_:
                    collections_[-1][2] += 1
                    if any(CLEARING.search(frame) for frame in e["stack"]):
                        collections_[-1][3] += 1
    start = ordered[0]["t"]
    for t, generation, samples, clearing in collections_:
        print(f"{t - start:7.2f} s  gen{generation}  {samples:4d} samples ({clearing} clearing)")
    print(f"{total} samples, the collector {collector}")
    by = collections.defaultdict(lambda: [0, 0, 0])
    for _, generation, samples, clearing in collections_:
        by[generation][0] += 1
        by[generation][1] += samples
        by[generation][2] += clearing
    for generation in sorted(by):
        count, samples, clearing = by[generation]
        print(f"gen{generation}: {count} collections, {samples} samples ({clearing} clearing), {samples / count:.0f} a collection")


if __name__ == "__main__":
    main()
