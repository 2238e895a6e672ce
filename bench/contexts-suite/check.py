#!/usr/bin/env python3
"""check.py CLI SUITE DATAFILE: runs `flowcover who` on 12 seeded lines of SUITE/expected.json,
compares each answer with the tests that call the line's method, and times each."""
import json, os, subprocess, sys, time, random
cli, suite, data = sys.argv[1], sys.argv[2], sys.argv[3]
expected = json.load(open(os.path.join(suite, 'expected.json')))
keys = sorted(expected)
random.seed(26)
sample = random.sample(keys, 12)
wrong = 0; times = []
for key in sample:
    t = time.time()
    r = subprocess.run([cli, 'who', key, '--data-file', data], cwd=suite, capture_output=True, text=True)
    times.append(time.time() - t)
    got = r.stdout.splitlines()
    ok = got == expected[key]
    wrong += not ok
    print(f"{key}: {len(got)} tests, expected {len(expected[key])}, {'exact' if ok else 'WRONG ' + r.stderr[:200]}, {times[-1]:.2f} s")
times.sort()
print(f"{len(sample)} lines, {wrong} wrong; who median {times[len(times)//2]:.2f} s, min {times[0]:.2f}, max {times[-1]:.2f}")
