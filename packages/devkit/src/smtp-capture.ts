// A real SMTP listener that keeps every message it receives in memory: tests read password-reset
// mail from it, and the development mail catcher shows it. Plain SMTP without TLS or auth checks,
// on 127.0.0.1 only, so it is never a relay for anything but local mail.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Sequence number within this capture, from 1. */
  id: number;
  /** Envelope sender (MAIL FROM). */
  envelopeFrom: string | null;
  /** Envelope recipients (RCPT TO), lower-cased. */
  envelopeTo: string[];
  /** Header From, as text. */
  from: string;
  /** Header To addresses, lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Header values by lower-case name (the first value of repeated headers). */
  headers: Record<string, string>;
  receivedAt: Date;
  /** The message as received, RFC 5322 text. */
  raw: string;
}

export interface SmtpCaptureOptions {
  /** Listen address. Default '127.0.0.1'. */
  host?: string;
  /** Listen port; 0 (default) picks a free one. */
  port?: number;
  /** Oldest messages are dropped past this count. Default 1000. */
  maxMessages?: number;
  /** Largest accepted message in bytes. Default 10 MiB. */
  maxMessageBytes?: number;
}

export interface SmtpCapture {
  /** Received messages, oldest first. */
  readonly messages: readonly CapturedMail[];
  /** `smtp://host:port`, valid after start(). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  start(): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
  /** The first message (already received or arriving later) matching `predicate`; rejects after `timeoutMs` (default 10000). */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** Calls `listener` for each new message; returns the unsubscribe function. */
  onMessage(listener: (mail: CapturedMail) => void): () => void;
  clear(): void;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);
}

export function createSmtpCapture(options: SmtpCaptureOptions = {}): SmtpCapture {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? 1000;
  const messages: CapturedMail[] = [];
  const listeners = new Set<(mail: CapturedMail) => void>();
  let nextId = 1;
  let port = 0;
  let started = false;
  let stopped: Promise<void> | undefined;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: options.maxMessageBytes ?? 10 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) headers[line.key] ??= line.line.slice(line.line.indexOf(':') + 1).trim();
            const mail: CapturedMail = {
              id: nextId++,
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: parsed.from?.text ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              headers,
              receivedAt: new Date(),
              raw: raw.toString('utf8'),
            };
            messages.push(mail);
            if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
            for (const listener of listeners) listener(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  const capture: SmtpCapture = {
    messages,
    get url() {
      return `smtp://${host}:${port}`;
    },
    host,
    get port() {
      return port;
    },
    async start() {
      if (started) throw new Error('SMTP capture already started');
      started = true;
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
      port = (server.server.address() as AddressInfo).port;
    },
    stop() {
      stopped ??= started ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      return stopped;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = (mail: CapturedMail) => {
          if (!predicate(mail)) return;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      messages.length = 0;
    },
  };
  return capture;
}
