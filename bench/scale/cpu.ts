/**
 * CPU accounting for bench:scale on a shared box (Linux /proc): how much CPU this run (the Node process and
 * the benchmark's Neo4j) used, and how much everything else on the machine used meanwhile ("other" cores),
 * so a measurement taken while other work ran says so. Without /proc, everything reads as unknown (null).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in ms, from /proc/<pid>/stat; null when unreadable. */
export function processCpuMs(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine in ms (all cores), from /proc/stat; null when unreadable. */
function machineBusyMs(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = f[0]! + f[1]! + f[2]! + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0); // user nice system irq softirq steal
    return (busy / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

const ownMs = (serverPid: number | null) => {
  const self = process.cpuUsage();
  const server = processCpuMs(serverPid);
  return server === null ? null : (self.user + self.system) / 1000 + server;
};

export interface CpuWindow {
  /** Average cores used by everything but this run since the window opened; null when unknown. */
  otherCores(): number | null;
}

export function openCpuWindow(serverPid: number | null): CpuWindow {
  const t0 = performance.now();
  const machine0 = machineBusyMs();
  const own0 = ownMs(serverPid);
  return {
    otherCores() {
      const machine1 = machineBusyMs();
      const own1 = ownMs(serverPid);
      const elapsed = performance.now() - t0;
      if (machine0 === null || machine1 === null || own0 === null || own1 === null || elapsed <= 0) return null;
      return Math.max(0, Math.round(((machine1 - machine0 - (own1 - own0)) / elapsed) * 100) / 100);
    },
  };
}

/**
 * Waits until other work uses less than `maxCores` (sampled over 5 s), for at most `maxWaitMs`.
 * Returns the last sample (null when unknown).
 */
export async function waitForQuiet(serverPid: number | null, maxCores: number, maxWaitMs: number, log: (line: string) => void): Promise<number | null> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const window = openCpuWindow(serverPid);
    await new Promise((r) => setTimeout(r, 5_000));
    const other = window.otherCores();
    if (other === null || other < maxCores) return other;
    if (Date.now() >= deadline) {
      log(`    other work still uses ${other} cores; measuring anyway (recorded)`);
      return other;
    }
    log(`    other work uses ${other} cores (> ${maxCores}); waiting…`);
  }
}
