import { readFileSync } from 'node:fs';

/**
 * Where a CPU profile's time went: self time by package (node_modules/<package>, this project's
 * src/<module>, node's internals, garbage collection) and the busiest functions.
 *   node dist/scripts/bench/profile-summary.js <file.cpuprofile> [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a frame belongs to, or what V8 calls the time outside JavaScript. */
function bucketOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName || '(anonymous)'}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scopeOrName, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  }
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/').slice(0, 2).join('/');
  const source = url.match(/\/(src|scripts)\/(.+?)(\/[^/]+)?\.js$/);
  if (source) return `app ${source[1]}/${source[3] ? source[2] : source[2].split('/')[0]}`;
  return url;
}

export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // Samples are counted, each worth the sampling interval: a time delta also holds the time the
  // process was not running at all (on a busy machine, one sample once carried 590 ms).
  const interval = [...profile.timeDeltas].sort((a, b) => a - b)[Math.floor(profile.timeDeltas.length / 2)] ?? 0;
  const selfMicros = new Map<number, number>();
  for (const id of profile.samples) selfMicros.set(id, (selfMicros.get(id) ?? 0) + interval);
  let total = 0;
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += micros;
    const bucket = bucketOf(frame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'} ${bucket}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const lines = [`busy ${(total / 1000).toFixed(0)} ms (samples every ${interval} µs; idle excluded)`, 'self time by package:'];
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms`;
  for (const [bucket, micros] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${share(micros)}  ${bucket}`);
  lines.push('busiest functions (self time):');
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${share(micros)}  ${name}`);
  return lines.join('\n');
}

/**
 * The `index`-th stretch of work (from 0) between pauses of at least `pauseMs` with no work, so a
 * benchmark that pauses between its phases (the `mutations` section, scripts/bench/mutations.ts) can be read phase by phase.
 */
export function segmentOf(profile: CpuProfile, index: number, pauseMs = 500): CpuProfile {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const segments: { samples: number[]; timeDeltas: number[] }[] = [];
  let current: { samples: number[]; timeDeltas: number[] } | undefined;
  let idleMicros = 0;
  profile.samples.forEach((id, n) => {
    if (idle.has(id)) {
      idleMicros += profile.timeDeltas[n];
      if (idleMicros >= pauseMs * 1000) current = undefined;
      return;
    }
    idleMicros = 0;
    if (!current) segments.push((current = { samples: [], timeDeltas: [] }));
    current.samples.push(id);
    current.timeDeltas.push(profile.timeDeltas[n]);
  });
  const segment = segments[index];
  if (!segment) throw new Error(`the profile has ${segments.length} stretches of work; there is no ${index}`);
  return { nodes: profile.nodes, ...segment };
}

/** Inclusive time (self and callees) of the functions whose name matches `pattern`, each counted once per sample. */
export function inclusiveTimes(profile: CpuProfile, pattern: RegExp): string {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const interval = [...profile.timeDeltas].sort((a, b) => a - b)[Math.floor(profile.timeDeltas.length / 2)] ?? 0;
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    total += interval;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const name = `${frame.functionName} ${bucketOf(frame)}`;
      if (pattern.test(name)) seen.add(name);
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + interval);
  }
  const lines = ['inclusive time:'];
  for (const [name, micros] of [...inclusive].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  // segment: only the n-th stretch of work between pauses (segmentOf); inclusive: a regular expression of function names.
  const [file, top, segment, inclusive] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary <file.cpuprofile> [top] [segment] [inclusive-pattern]');
    process.exit(2);
  }
  let profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  if (segment !== undefined && segment !== '') profile = segmentOf(profile, Number(segment));
  console.log(summarizeProfile(profile, Number(top ?? 25)));
  if (inclusive) console.log(inclusiveTimes(profile, new RegExp(inclusive)));
}
