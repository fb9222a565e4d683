#!/usr/bin/env python3
"""The crate's module graph, read from `crate::` paths in src/ (tests excluded), at the level
of top-level modules (`content`, `render`, `output`, ...). Prints each module's imports and
every cycle (strongly connected group); exits 1 when there is a cycle.

Usage: .ci/modgraph.py [SRC=src]"""
import os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else "src"
edges = {}
for dirpath, _, files in os.walk(src):
    for f in files:
        if not f.endswith(".rs"):
            continue
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, src)
        parts = rel[:-3].split(os.sep)
        top = parts[0]
        if top in ("main", "lib"):
            continue
        text = open(path, encoding="utf-8").read()
        # Drop unit tests: `#[cfg(test)] mod tests { ... }` to the end, and tests.rs files.
        if parts[-1] == "tests":
            continue
        cut = text.find("#[cfg(test)]\nmod tests {")
        if cut >= 0:
            text = text[:cut]
        text = re.sub(r"//[^\n]*", "", text)
        deps = set()
        for m in re.finditer(r"crate::(\w+)", text):
            deps.add(m.group(1))
        for m in re.finditer(r"use crate::\{([^}]*)\}", text, re.S):
            for name in re.findall(r"(?:^|,)\s*(\w+)", m.group(1)):
                deps.add(name)
        deps.discard(top)
        edges.setdefault(top, set()).update(d for d in deps if os.path.exists(os.path.join(src, d + ".rs")) or os.path.isdir(os.path.join(src, d)))

# Tarjan's strongly connected components.
index, low, on, stack, sccs, n = {}, {}, set(), [], [], [0]
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in sorted(edges.get(v, ())):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        sccs.append(comp)
sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        visit(v)
for v in sorted(edges):
    print(f"{v:10} -> {', '.join(sorted(edges[v])) or '(leaf)'}")
cycles = [sorted(c) for c in sccs if len(c) > 1]
for c in cycles:
    print("cycle:", " <-> ".join(c))
sys.exit(1 if cycles else 0)
