// Reads a V8 .cpuprofile and ranks functions by self time (samples whose top frame they are).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  where: string;
  selfPercent: number;
}

/** Shortens file URLs to `package/path` (node_modules) or the repository path. */
function shortWhere(url: string, line: number): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  const short = modules >= 0 ? path.slice(modules + 'node_modules/'.length) : path.replace(/^.*?\/(router|subgraphs|packages|bench)\//, '$1/');
  return `${short}:${line + 1}`;
}

export function topSelfTime(file: string, limit = 10): { total: number; hotspots: Hotspot[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const name = node.callFrame.functionName || '(anonymous)';
    // (idle) is waiting; `dispatch` is the in-process inspector session the profile hook started
    // the profiler from, where V8 books the samples it cannot attribute (waiting in the event loop).
    if (name === '(idle)' || (name === 'dispatch' && !node.callFrame.url)) return;
    total += us;
    const where = shortWhere(node.callFrame.url, node.callFrame.lineNumber);
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  const hotspots = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((e) => ({ name: e.name, where: e.where, selfPercent: (100 * e.us) / total }));
  return { total: total / 1000, hotspots };
}
