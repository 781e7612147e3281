// Parsing a raw Kafka message into a contract event: never throws, so a bad message becomes a DLQ
// entry with a reason instead of a stuck partition.
import type { z } from 'zod';

export type ParseResult<T> = { ok: true; event: T } | { ok: false; reason: string };

export interface EventMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The headers every event carries (DESIGN.md): event-id, event-type and, when traced, traceparent. */
export function eventHeaders(event: { eventId: string; type: string }, traceparent?: string): Record<string, string> {
  const headers: Record<string, string> = { 'event-id': event.eventId, 'event-type': event.type };
  if (traceparent) headers.traceparent = traceparent;
  return headers;
}

export interface EventShape<T> {
  schema: z.ZodType<T>;
  /** e.g. "UserCreated v1", for reasons. */
  label: string;
  /** Where the user id (the message key) is, e.g. "user.id", for reasons. */
  keyPath: string;
  userIdOf: (event: T) => number;
}

/** Validates `value` against the event's schema and checks that the message key is its user id. */
export function parseEvent<T>(
  { schema, label, keyPath, userIdOf }: EventShape<T>,
  value: Buffer | string | null | undefined,
  key?: string | null,
): ParseResult<T> {
  if (value === null || value === undefined) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return { ok: false, reason: `value does not match ${label}: ${issues}` };
  }
  const userId = userIdOf(result.data);
  if (key !== undefined && key !== null && key !== String(userId)) {
    return { ok: false, reason: `message key ${JSON.stringify(key)} does not match ${keyPath} ${userId}` };
  }
  return { ok: true, event: result.data };
}
