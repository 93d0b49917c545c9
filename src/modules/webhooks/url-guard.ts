import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Logger } from '@nestjs/common';
import ipaddr from 'ipaddr.js';

const logger = new Logger('WebhookUrlGuard');

/** Where a webhook may be sent, from config. */
export interface UrlPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: loopback, private and link-local targets allowed. */
  allowPrivateNetworks: boolean;
  /** NODE_ENV=production: https only. */
  httpsOnly: boolean;
}

/** A URL that passed the policy, with the address to connect to (pinned: no second DNS answer). */
export interface CheckedTarget {
  url: URL;
  /** The checked address; undefined when private networks are allowed (normal resolution). */
  address?: { address: string; family: 4 | 6 };
}

export class UrlNotAllowedError extends Error {}

/**
 * Only global unicast addresses: this refuses loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local (169.254/16, where cloud metadata lives, and fe80::/10), CGNAT (100.64/10), unique-local
 * (fc00::/7, e.g. AWS's fd00:ec2::254), multicast, broadcast, unspecified and reserved ranges.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Checks a webhook URL: scheme, then every address its host resolves to. Throws UrlNotAllowedError
 * with a reason a user can act on.
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowedError('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && (policy.httpsOnly || url.protocol !== 'http:'))
    throw new UrlNotAllowedError(policy.httpsOnly ? 'must use https' : 'must use http or https');
  if (url.username || url.password) throw new UrlNotAllowedError('must not carry credentials');
  if (policy.allowPrivateNetworks) return { url };

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      logger.debug(`webhook host ${host} does not resolve`);
      throw new UrlNotAllowedError('must resolve to a public address');
    }
  }
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused || addresses.length === 0) {
    // The address stays in the server log: telling the caller would let any team admin probe internal DNS.
    logger.debug(`webhook host ${host} resolves to ${refused?.address ?? 'nothing'}, refused`);
    throw new UrlNotAllowedError('must resolve to a public address');
  }
  const first = addresses[0];
  return { url, address: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}

/** A `lookup` for http.request that answers only the checked address, whatever DNS says now. */
export function pinnedLookup(address: { address: string; family: 4 | 6 }): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
}
