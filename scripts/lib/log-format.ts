// How `npm start` shows the parts' log lines to a person: a pino JSON line becomes
// `12:00:01.234 INFO  user listening url=http://… trace=4bf92f35…` (the whole id); any other line is shown as it
// came. The services themselves always write JSON (what log shippers and tests read).

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that the prefix already shows. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'service', 'trace_id', 'span_id']);

const value = (v: unknown): string => (typeof v === 'string' ? (/[\s"]/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

/** One JSON log line for a person; a line that is not a pino record is returned unchanged. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record.level !== 'number' || typeof record.time !== 'number') return line;
  const time = new Date(record.time).toISOString().slice(11, 23);
  const fields = Object.entries(record).filter(([k]) => !HIDDEN.has(k));
  const err = record.err as { stack?: string } | undefined;
  const rest = fields.filter(([k]) => !(k === 'err' && err?.stack)).map(([k, v]) => `${k}=${value(v)}`);
  // Last, whole: pasted into Zipkin's "Search by trace ID" box it opens the trace.
  if (typeof record.trace_id === 'string') rest.push(`trace=${record.trace_id}`);
  const text = [time, LEVELS[record.level] ?? String(record.level), String(record.msg ?? ''), ...rest].join(' ');
  return err?.stack ? `${text}\n${err.stack}` : text;
}
