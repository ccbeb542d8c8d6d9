#!/usr/bin/env python3
"""Where the bytes of the wasm go, by crate: code-section bytes per function, from the
name section of the un-optimised release build (before wasm-bindgen and wasm-opt).
Built with `--features split` (as Trunk builds the app), pipewright.wasm is the module the
board needs; the pages downloaded on demand are in release/wasm-split/split_*.wasm.
Usage: cargo build --release --target wasm32-unknown-unknown --features split &&
       scripts/wasm-sizes.py target/wasm32-unknown-unknown/release/pipewright.wasm"""
import sys, re, collections
data = open(sys.argv[1], 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; sections = []
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i)
    sections.append((sid, i, size)); i += size
imports = 0
names = {}
bodies = []
for sid, start, size in sections:
    if sid == 2:
        n, j = leb(data, start)
        for _ in range(n):
            l, j = leb(data, j); j += l
            l, j = leb(data, j); j += l
            kind = data[j]; j += 1
            if kind == 0:
                imports += 1; _, j = leb(data, j)
            elif kind == 1: j += 1; fl, j = leb(data, j); _, j = leb(data, j); 
            elif kind == 2: fl = data[j]; j += 1; _, j = leb(data, j); 
            elif kind == 3: j += 2
    if sid == 10:
        n, j = leb(data, start)
        for k in range(n):
            l, j2 = leb(data, j)
            bodies.append(j2 - j + l); j = j2 + l
    if sid == 0:
        l, j = leb(data, start); name = data[j:j+l]; j += l
        if name == b'name':
            end = start + size
            while j < end:
                sub = data[j]; j += 1
                sl, j = leb(data, j)
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k); nl, k = leb(data, k)
                        names[idx] = data[k:k+nl].decode('utf8', 'replace'); k += nl
                j += sl
by = collections.Counter()
for k, sz in enumerate(bodies):
    nm = names.get(imports + k, '?')
    # demangle-ish crate name
    m = re.search(r'_ZN(\d+)([A-Za-z_][A-Za-z0-9_]*)', nm)
    v0 = re.search(r'C[sx][0-9A-Za-z]*_(\d+)([a-z_][a-z0-9_]*)', nm) if nm.startswith('_R') else None
    impl_ = re.match(r'_ZN\d+_\$LT\$(?:\$RF\$)?(?:mut\$u20\$)?([a-z_0-9]+)\.\.', nm)
    if impl_: crate = impl_.group(1)
    elif v0: crate = v0.group(2)[:int(v0.group(1))]
    elif m: crate = m.group(2)[:int(m.group(1))]
    elif nm.startswith('<'): 
        m2 = re.match(r'<+([a-z_0-9]+)', nm); crate = m2.group(1) if m2 else nm[:20]
    else: crate = nm.split('::')[0][:30]
    by[crate] += sz
total = sum(bodies)
print('code bytes', total, 'functions', len(bodies))
for c, s in by.most_common(25): print(f'{s:>9} {100*s/total:5.1f}% {c}')
