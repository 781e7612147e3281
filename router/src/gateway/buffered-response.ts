// A subgraph answer already read into memory, shaped as the gateway's FetcherResponse. Building a
// WHATWG Response (a body stream, a Headers copy) for every subgraph call cost ~10 % of the
// router's CPU under load (bench/README.md, "Router hot path"); the gateway only reads the status,
// a few headers and the body once, so a plain object over the Buffer does the same work.
import type http from 'node:http';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';

/** Headers as Node parsed them (names already lower-case); read-mostly, like a Response's. */
class IncomingHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const current = this.map.get(key);
    this.map.set(key, current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

export class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders | FetcherHeaders,
    private readonly body: Buffer,
  ) {
    this.headers = headers instanceof IncomingHeaders ? headers : new IncomingHeaders(headers as http.IncomingHttpHeaders);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private consume(): Buffer {
    if (this.used) throw new TypeError('body has already been read');
    this.used = true;
    return this.body;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    if (this.used) throw new TypeError('a used body cannot be cloned');
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}
