// Prints CPU profiles summed by function (self time), per run: the profiling tools' output.
export function printProfile(profiles, runs, what) {
  const selfTime = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}`;
      selfTime.set(name, (selfTime.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  const rows = [...selfTime.entries()].filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)')).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, t]) => s + t, 0);
  const byFile = new Map();
  for (const [name, t] of rows) {
    const file = name.slice(name.lastIndexOf(' ') + 1) || '(browser)';
    byFile.set(file, (byFile.get(file) ?? 0) + t);
  }
  console.log(`busy ${(total / runs).toFixed(2)} ms per ${what} (${runs} runs); by file: ${[...byFile].map(([f, t]) => `${f} ${(t / runs).toFixed(2)}`).join(', ')}`);
  console.log(`self time by function, ms per ${what}:`);
  for (const [name, t] of rows.slice(0, Number(process.env.TOP ?? 40))) console.log(`${(t / runs).toFixed(3).padStart(8)}  ${name.slice(0, 150)}`);
}
