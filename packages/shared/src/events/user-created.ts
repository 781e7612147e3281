// The UserCreated event contract (DESIGN.md "Event contract"). Producer and consumer both use
// this module, so a change to the contract is one change, checked by the compiler on both sides.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const USER_CREATED_TOPIC = 'auth.user-created.v1';
export const USER_CREATED_DLQ_TOPIC = 'auth.user-created.v1.dlq';
/** Every topic the services need; the Kafka provisioner creates them. */
export const TOPICS = [USER_CREATED_TOPIC, USER_CREATED_DLQ_TOPIC] as const;

const isoDateTime = z.iso.datetime({ offset: true });

export const userCreatedSchema = z.object({
  eventId: z.uuid(),
  type: z.literal('UserCreated'),
  version: z.literal(1),
  occurredAt: isoDateTime,
  user: z.object({
    id: z.number().int().positive(),
    email: z.string().min(3),
    createdAt: isoDateTime,
  }),
});

export type UserCreated = z.infer<typeof userCreatedSchema>;

export interface UserCreatedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export function buildUserCreated(user: { id: number; email: string; createdAt: Date }, now = new Date()): UserCreated {
  return {
    eventId: randomUUID(),
    type: 'UserCreated',
    version: 1,
    occurredAt: now.toISOString(),
    user: { id: user.id, email: user.email, createdAt: user.createdAt.toISOString() },
  };
}

export function toUserCreatedMessage(event: UserCreated, traceparent?: string): UserCreatedMessage {
  const headers: Record<string, string> = { 'event-id': event.eventId, 'event-type': event.type };
  if (traceparent) headers.traceparent = traceparent;
  return { key: String(event.user.id), value: JSON.stringify(event), headers };
}

export type ParseResult = { ok: true; event: UserCreated } | { ok: false; reason: string };

/** Parses a raw message value; never throws, so a bad message becomes a DLQ entry with a reason. */
export function parseUserCreated(value: Buffer | string | null | undefined, key?: string | null): ParseResult {
  if (value === null || value === undefined) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const result = userCreatedSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return { ok: false, reason: `value does not match UserCreated v1: ${issues}` };
  }
  if (key !== undefined && key !== null && key !== String(result.data.user.id)) {
    return { ok: false, reason: `message key ${JSON.stringify(key)} does not match user.id ${result.data.user.id}` };
  }
  return { ok: true, event: result.data };
}
