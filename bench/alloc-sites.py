#!/usr/bin/env python3
r"""alloc-sites.py FLOWCOVER.DBG TOTAL_MB [N] < perf-script-output: where a run allocates, by type and call site.

The native CLI's allocation helpers call `RhpGcAlloc` each time a thread's allocation context
(about 8 KB) runs out, so its calls sample the bytes allocated, each with the type of the object
that ran it out (its MethodTable, named by a `_ZTV...` symbol of flowcover.dbg) and the call
stack. Finalizable objects (Roslyn's `WeakReference`s) call it every time and are left out. Each
event counts for TOTAL_MB (the run's allocated bytes, `FLOWCOVER_PHASES=1` summed over phases)
divided by the events; prints the N largest sites (type, first frame outside the runtime's
helpers and collections, first frame of FlowCover's), then totals by type and by frame of ours:

    perf probe -x cli/flowcover -a 'gcalloc=RhpGcAlloc mt=%di:u64 n=%dx:u64'
    perf record -e probe_flowcover:gcalloc -g -o alloc.perf cli/flowcover run --no-cache ...
    perf script -i alloc.perf -F tid,event,trace,ip,sym | python3 bench/alloc-sites.py cli/flowcover.dbg 2072 25
"""
import bisect
import collections
import re
import subprocess
import sys

from perf_script import records

RUNTIME = re.compile(r"^(Rhp|RhNew|RhAlloc|S_P_CoreLib|System_Linq|System_Collections)")


def type_names(dbg):
    """The data symbols of the CLI's debug file (MethodTables among them), sorted by address."""
    symbols = []
    for line in subprocess.run(["nm", dbg], capture_output=True, text=True, check=True).stdout.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] and parts[1] in "bBdDrR":
            symbols.append((int(parts[0], 16), re.sub(r"^_ZTV\d+", "", parts[2])))
    symbols.sort()
    return [a for a, _ in symbols], [n for _, n in symbols]


def short(name):
    name = re.sub(r"FlowCover_[A-Za-z]+_FlowCover_[A-Za-z]+_", "", name)
    name = re.sub(r"S_P_CoreLib_System_Collections_Generic_|S_P_CoreLib_System_", "", name)
    return re.sub(r"Mono_Cecil_Mono_Cecil_", "Cecil_", name)[:110]


def main():
    addresses, names = type_names(sys.argv[1])
    total_mb = float(sys.argv[2])
    most = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    sites, by_type, by_ours = collections.Counter(), collections.Counter(), collections.Counter()
    events = finalizable = 0
    for header, frames in records(sys.stdin):
        m = re.search(r"\(([0-9a-f]+)\) mt=(\d+)", header)
        stack = [f.split(None, 1) for f in frames]
        if not m or not stack or len(stack[0]) < 2:
            continue
        base = int(m.group(1), 16) - int(stack[0][0], 16)  # the probe's address less its offset in the file
        k = bisect.bisect_right(addresses, int(m.group(2)) - base) - 1
        kind = short(names[k]) if k >= 0 else "?"
        if "WeakReference" in kind:
            finalizable += 1
            continue
        events += 1
        callers = [f[1] for f in stack[1:] if len(f) > 1]
        allocating = short(next((f for f in callers if not RUNTIME.match(f)), "?"))
        ours = short(next((f for f in callers if f.startswith("FlowCover_")), "?"))
        sites[(kind, allocating, ours)] += 1
        by_type[kind] += 1
        by_ours[ours] += 1
    if events == 0:
        sys.exit("no events")
    mb = total_mb / events
    print(f"{events} events ({finalizable} finalizable left out), {mb * 1024:.1f} KB each")
    print("| # | type | MB | allocating frame | first frame of ours |\n| ---: | --- | ---: | --- | --- |")
    for i, ((kind, allocating, ours), n) in enumerate(sites.most_common(most), 1):
        print(f"| {i} | {kind} | {n * mb:.0f} | {allocating} | {ours} |")
    for title, counts in (("by type", by_type), ("by first frame of ours", by_ours)):
        print(f"\n{title}:")
        for name, n in counts.most_common(most):
            print(f"{n * mb:7.0f} MB {name}")


if __name__ == "__main__":
    main()
