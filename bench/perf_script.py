"""perf_script.py: reads `perf script` output event by event, for bench/perf-share.py and bench/gc-share.py.

`perf script` prints each event (a CPU sample, a probe hit) as a first line (thread, time, event...)
and, with `-g`, the lines of its call stack, indented; events are separated by an empty line.
"""


def records(lines):
    """Yields (header, frames) for each event: its first line, and its stack's lines stripped."""
    header, frames = None, []
    for line in lines:
        if not line.strip():
            if header is not None:
                yield header, frames
            header, frames = None, []
        elif header is None or not line.startswith((" ", "\t")):
            if header is not None:
                yield header, frames
            header, frames = line.rstrip("\n"), []
        else:
            frames.append(line.strip())
    if header is not None:
        yield header, frames
