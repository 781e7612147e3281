// The totals of node's TAP reporter (`# pass`, `# fail`, `# cancelled`, `# skipped`, `# todo`) and
// the names of skipped/todo tests, read line by line as the output passes through, and the closing
// line `npm test` ends with. CI reads that line, so its format stays `N passed, N failed, N skipped`.

export interface TapTotals {
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
  todo: number;
  /** True once the reporter's summary was seen (a killed runner never prints one). */
  summary: boolean;
  /** "parent > test" names of tests marked SKIP or TODO. */
  notRun: string[];
}

export interface TapReader {
  totals: TapTotals;
  /** Feeds a chunk of TAP output; lines may be split across chunks. */
  push(chunk: string): void;
  /** Reads a last line not ended by a newline. */
  end(): void;
}

const SUMMARY = /^# (pass|fail|cancelled|skipped|todo) (\d+)$/;
const SUBTEST = /^( *)# Subtest: (.*)$/;
const POINT = /^( *)(?:not )?ok \d+ - (.*?)(?: # (SKIP|TODO)\b.*)?$/;

export function tapReader(): TapReader {
  const totals: TapTotals = { pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0, summary: false, notRun: [] };
  // Names of the enclosing subtests by nesting level (four spaces per level).
  const path: string[] = [];
  let pending = '';
  const line = (text: string) => {
    const summary = SUMMARY.exec(text);
    if (summary) {
      totals[summary[1] as 'pass' | 'fail' | 'cancelled' | 'skipped' | 'todo'] = Number(summary[2]);
      totals.summary = true;
      return;
    }
    const subtest = SUBTEST.exec(text);
    if (subtest) {
      const level = subtest[1]!.length / 4;
      path.length = level;
      path[level] = subtest[2]!;
      return;
    }
    const point = POINT.exec(text);
    if (point?.[3]) {
      const level = point[1]!.length / 4;
      totals.notRun.push([...path.slice(0, level), point[2]!].join(' > '));
    }
  };
  return {
    totals,
    push(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) line(text);
    },
    end() {
      if (pending) line(pending);
      pending = '';
    },
  };
}

export interface Verdict {
  passed: number;
  /** Failed and cancelled tests, or 1 when the run failed without a failing test (e.g. a crash). */
  failed: number;
  /** Skipped and todo tests: not allowed in this project, so they fail the run too. */
  skipped: number;
  exitCode: number;
  /** Why the run failed beyond the counted failures, one line each. */
  notes: string[];
}

/** Combines the totals with the test runner's exit code; the closing line never hides a failure. */
export function verdict(totals: TapTotals, runnerExit: number): Verdict {
  const notes: string[] = [];
  let failed = totals.fail + totals.cancelled;
  const skipped = totals.skipped + totals.todo;
  if (!totals.summary) {
    notes.push(`the test runner ended (exit ${runnerExit}) without a summary; counted as 1 failed`);
    failed = Math.max(failed, 1);
  } else if (runnerExit !== 0 && failed === 0) {
    notes.push(`the test runner exited with ${runnerExit} although no test failed; counted as 1 failed`);
    failed = 1;
  }
  if (skipped > 0) {
    const names = totals.notRun.length > 0 ? `: ${totals.notRun.join('; ')}` : '';
    notes.push(`${skipped} skipped/todo test${skipped === 1 ? '' : 's'} (not allowed here; every test must run)${names}`);
  }
  const exitCode = runnerExit !== 0 ? runnerExit : failed > 0 || skipped > 0 ? 1 : 0;
  return { passed: totals.pass, failed, skipped, exitCode, notes };
}

export function closingLine(v: Verdict): string {
  return `${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`;
}
