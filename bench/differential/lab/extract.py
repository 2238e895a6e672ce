#!/usr/bin/env python3
"""extract.py SEED.cs LINE [OUT]: the random program cut to the method holding LINE (same line
numbers: other methods blanked), with Run calling only that method; class renamed Target."""
import sys, re
src = open(sys.argv[1]).read().split('\n')
line = int(sys.argv[2]) - 1
start = max(k for k in range(line + 1) if re.match(r'\s+private static .* M\d+\(', src[k]))
name = re.search(r' (M\d+)\(', src[start]).group(1)
end = next(k for k in range(start + 1, len(src)) if src[k] == '    }')
out = []
inmethod = False
for k, l in enumerate(src):
    m = re.match(r'\s+private static .* (M\d+)\(', l)
    if m:
        inmethod = m.group(1) != name
    if inmethod:
        if l == '    }':
            inmethod = False
        out.append('')
        continue
    if 'try {' in l and 'catch (Exception)' in l and re.search(r'\bM\d+\(', l) and (name + '(') not in l:
        out.append('')
        continue
    out.append(l)
text = '\n'.join(out).replace('namespace FlowCover.Targets.Random;', '')
open(sys.argv[3] if len(sys.argv) > 3 else '/work/labs/lab/x.cs', 'w').write(text)
print(name, start + 1, end + 1)
