/**
 * The host names the host answers to. A page on any domain can make the browser resolve it to
 * 127.0.0.1 (DNS rebinding): its requests then reach this host as same-origin, with that domain
 * in Host and Origin. So every request must name the host as it was started: the loopback names
 * for its port, the address it is bound to, and the names an operator gives (`--allowed-host`).
 */

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/**
 * One `--allowed-host` value, as a Host header would carry it: `name` or `name:port`, an IPv6
 * address in brackets. Null when it is not a host name (a URL, a path, a wildcard).
 */
export function parseAllowedHost(value: string): { host: string; port: string | null } | null {
  if (!value || /[/?#@\s*\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return null;
  }
  if (url.pathname !== '/' || url.username || url.password) return null;
  // URL drops :80 for http; the operator who wrote a port meant that port only.
  const written = /:(\d+)$/.exec(value.replace(/^\[[^\]]*\]$/, ''));
  return { host: url.hostname, port: written ? String(Number(written[1])) : null };
}

/** Every value of Host (lower-case) the host answers to, once it knows its port. */
export function allowedHostSet(
  bound: { address: string; port: number },
  extra: readonly string[],
): Set<string> {
  const out = new Set<string>();
  const add = (host: string, port: string | null) => {
    const name = host.toLowerCase();
    const p = port ?? String(bound.port);
    out.add(`${name}:${p}`);
    // Browsers leave out the default port; a name given without one may sit behind a proxy.
    if (p === '80' || port === null) out.add(name);
  };
  const boundName = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
  for (const name of LOOPBACK) add(name, String(bound.port));
  if (!WILDCARD.has(boundName)) add(boundName, String(bound.port));
  for (const value of extra) {
    const parsed = parseAllowedHost(value);
    if (!parsed) throw new Error(`Not a host name: "${value}"`);
    add(parsed.host, parsed.port);
  }
  return out;
}

/** Whether a request's Host header names this host. */
export function isAllowedHost(allowed: ReadonlySet<string>, header: string | undefined): boolean {
  return !!header && allowed.has(header.toLowerCase());
}

/** Whether a browser's Origin names one of this host's names (a proxy may rewrite Host). */
export function isAllowedOrigin(allowed: ReadonlySet<string>, origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowed.has(url.host);
  } catch {
    return false;
  }
}

/** Whether a bound address is loopback only (127.0.0.0/8, ::1): reachable from this machine alone. */
export function isLoopback(address: string): boolean {
  return /^(?:::ffff:)?127\.\d+\.\d+\.\d+$/i.test(address) || address === '::1';
}
