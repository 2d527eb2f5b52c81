import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key failed sign-ins are counted under for a client: its IPv4 address, or its IPv6 /64
 * (one subscriber's whole network: counting single IPv6 addresses would give an attacker 2^64
 * fresh starts). X-Forwarded-For is not read: anyone can write it. Behind a reverse proxy every
 * client shares the proxy's address, and so its count.
 */
export function clientKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const address = remoteAddress.split('%')[0]!.toLowerCase(); // no zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as short hex (`::` and a dotted tail expanded). */
function ipv6Groups(address: string): string[] {
  const split = (s: string | undefined): string[] => (s ? s.split(':') : []);
  const hex = (groups: string[]): string[] =>
    groups.flatMap((g) => {
      if (!g.includes('.')) return [g];
      const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const [head, tail] = address.split('::');
  const h = hex(split(head));
  const t = tail === undefined ? [] : hex(split(tail));
  const zeros = Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...zeros, ...t].map((g) => parseInt(g, 16).toString(16));
}
