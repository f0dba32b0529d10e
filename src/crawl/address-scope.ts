/**
 * Where a redirect may lead. A portal's server answers for its own site; a redirect elsewhere is
 * a hijack, a misconfiguration or a probe of the crawler (cloud metadata at 169.254.169.254, the
 * intranet at 10.x), and the fetcher refuses it before connecting.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { sameSite } from './link-scope.js';

/** Loopback, private, link-local, carrier-grade NAT and unspecified addresses, and localhost names. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const kind = isIP(host);
  if (kind === 4) return privateV4(host);
  if (kind === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return privateV4(mapped[1]!);
    return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

function privateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

/**
 * Why a redirect from `from` to `to` is not followed, or undefined when it may be: only http(s),
 * only within the site (xxgk.example.gov.cn may send to www.example.gov.cn), and never from a
 * public host to a private address.
 */
export function redirectRefusal(from: URL, to: URL): string | undefined {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `a redirect to ${to.protocol}`;
  if (isPrivateHost(to.hostname) && !isPrivateHost(from.hostname)) return 'a redirect to a private address';
  if (!sameSite(from.href, to.href)) return `a redirect to another host (${to.host})`;
  return undefined;
}

/** Resolves a host name to its addresses (injected in tests: they must not touch real DNS). */
export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) => (await dnsLookup(hostname, { all: true })).map((a) => a.address);

/**
 * Host names that resolve to a private address. A compromised or careless portal can link to
 * "files.example.gov.cn" pointing at 10.x or 127.0.0.1 (an intranet server, the crawler's own
 * machine): the name looks public, so only its addresses tell. Literal addresses and localhost
 * names are left to the seed (a seed of 127.0.0.1 means it) and to redirectRefusal. Each name is
 * looked up once per run; a name that does not resolve is left to the fetch to fail on. The check
 * comes before the connection, so a name re-pointed in between (DNS rebinding) is not caught.
 */
export class PrivateNameGuard {
  readonly #answers = new Map<string, Promise<string | undefined>>();
  constructor(private readonly lookup: Lookup = systemLookup) {}

  /** Why `url` may not be fetched, or undefined when it may. */
  refusal(url: string | URL): Promise<string | undefined> {
    let hostname: string;
    try {
      hostname = new URL(url).hostname;
    } catch {
      return Promise.resolve(undefined); // not a URL: the fetch fails on it with its own error
    }
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(host) || isPrivateHost(host)) return Promise.resolve(undefined);
    let answer = this.#answers.get(host);
    if (!answer) {
      answer = this.lookup(host).then(
        (addresses) => {
          const inside = addresses.find((a) => isPrivateHost(a));
          return inside ? `${host} resolves to the private address ${inside}` : undefined;
        },
        () => undefined,
      );
      this.#answers.set(host, answer);
    }
    return answer;
  }
}
