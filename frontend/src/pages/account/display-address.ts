// The address a session was started from, as the sessions list shows it. Node reports IPv4
// clients of a dual-stack socket as IPv4-mapped IPv6 (`::ffff:203.0.113.9`); people know the
// plain IPv4 form.

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export function displayAddress(address: string | null): string {
  const trimmed = address?.trim() ?? '';
  if (trimmed === '') return 'an unknown address';
  return MAPPED_IPV4.exec(trimmed)?.[1] ?? trimmed;
}
