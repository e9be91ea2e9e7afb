import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  checkHostTargetAllowed,
  checkUrlTargetAllowed,
  classifyAddress,
  isAddressAllowed,
  type AddressClass,
} from '@/lib/checker/address-policy';
import { OPEN, STRICT } from './helpers';

describe('classifyAddress', () => {
  const table: Array<[string, AddressClass]> = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.0.1', 'link_local'],
    ['169.254.255.255', 'link_local'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.15.0.1', 'public'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    // IPv6
    ['2606:4700:4700::1111', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['febf::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['fd00:ec2::254', 'metadata'],
    ['fd00:0ec2:0000::0254', 'metadata'],
    ['ff02::1', 'reserved'],
    // IPv4 inside IPv6
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    // Every IPv6 form that embeds an IPv4 address is classified by that address.
    ['::127.0.0.1', 'loopback'], // IPv4-compatible
    ['[::7f00:1]', 'loopback'], // how the URL parser writes [::127.0.0.1]
    ['::169.254.169.254', 'metadata'],
    ['::10.0.0.1', 'private'],
    ['::8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'], // IPv4-translated (SIIT)
    ['::ffff:0:a9fe:a9fe', 'metadata'],
    ['::ffff:0:8.8.8.8', 'public'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::127.0.0.1', 'loopback'], // local-use NAT64, /96 placement
    ['64:ff9b:1::a9fe:a9fe', 'metadata'],
    ['64:ff9b:1:a9fe:a9:fe00::', 'metadata'], // /48 placement: bytes 6-7 and 9-10
    ['64:ff9b:1:7f:0:1::', 'loopback'], // /56 placement: byte 7 and 9-11
    ['64:ff9b:1:0:a:102:300::', 'private'], // /64 placement: bytes 9-12 (10.1.2.3)
    ['64:ff9b:1::8.8.8.8', 'public'],
    ['64:ff9b:1:808:8:800::', 'public'], // 8.8.8.8 in the /48 placement
    ['2002:a9fe:a9fe::1', 'metadata'], // 6to4
    ['2002:c0a8:101::', 'private'],
    ['2002:808:808::', 'public'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'], // Teredo, client 127.0.0.1 (inverted)
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'metadata'], // client 169.254.169.254
    ['2001::f5ff:fffe', 'private'], // client 10.0.0.1
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'public'], // client 8.8.8.8
    ['2001:db8::1', 'public'], // documentation prefix, not Teredo
    // not addresses
    ['localhost', 'invalid'],
    ['example.com', 'invalid'],
    ['127.0.0.1.nip.io', 'invalid'],
    ['', 'invalid'],
    ['999.1.1.1', 'invalid'],
  ];
  it.each(table)('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe('isAddressAllowed', () => {
  const table: Array<[string, boolean, boolean]> = [
    // address, allowed when open, allowed when strict
    ['8.8.8.8', true, true],
    ['2606:4700:4700::1111', true, true],
    ['169.254.169.254', false, false],
    ['100.100.100.200', false, false],
    ['fd00:ec2::254', false, false],
    ['169.254.1.1', false, false],
    ['fe80::abcd', false, false],
    ['::ffff:169.254.169.254', false, false],
    ['127.0.0.1', true, false],
    ['::1', true, false],
    ['::ffff:127.0.0.1', true, false],
    ['10.0.0.1', true, false],
    ['172.20.0.1', true, false],
    ['192.168.0.10', true, false],
    ['100.64.1.1', true, false],
    ['fd12::1', true, false],
    ['0.0.0.0', true, false],
    ['::', true, false],
    ['::ffff:0.0.0.0', true, false],
    ['::127.0.0.1', true, false],
    ['::169.254.169.254', false, false],
    ['::ffff:0:169.254.169.254', false, false],
    ['64:ff9b:1::a9fe:a9fe', false, false],
    ['2001:0:4136:e378:8000:63bf:5601:5601', false, false],
    ['64:ff9b:1::8.8.8.8', true, true],
    ['not-an-ip', false, false],
  ];
  it.each(table)('%s: open=%s strict=%s', (ip, open, strict) => {
    expect(isAddressAllowed(ip, OPEN)).toBe(open);
    expect(isAddressAllowed(ip, STRICT)).toBe(strict);
  });

  it('exempts allow-listed addresses from the private rule, in any spelling', () => {
    const policy = { blockPrivateTargets: true, allowedAddresses: ['10.0.0.5', '::1'] };
    expect(isAddressAllowed('10.0.0.5', policy)).toBe(true);
    expect(isAddressAllowed('::ffff:10.0.0.5', policy)).toBe(true);
    expect(isAddressAllowed('0:0:0:0:0:0:0:1', policy)).toBe(true);
    expect(isAddressAllowed('10.0.0.6', policy)).toBe(false);
  });

  it('never exempts metadata or link-local addresses', () => {
    const policy = { blockPrivateTargets: true, allowedAddresses: ['169.254.169.254', 'fe80::1', 'fd00:ec2::254'] };
    for (const ip of policy.allowedAddresses) expect(isAddressAllowed(ip, policy)).toBe(false);
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::1]', '0:0:0:0:0:0:0:1'],
    ['FD00:EC2::254', 'fd00:ec2:0:0:0:0:0:254'],
    ['10.0.0.1', '10.0.0.1'],
    ['example.com', null],
  ])('%s -> %s', (ip, expected) => {
    expect(canonicalAddress(ip)).toBe(expected);
  });
});

describe('checkUrlTargetAllowed / checkHostTargetAllowed', () => {
  it.each([
    ['http://127.0.0.1:8080/', false],
    ['http://localhost/', false],
    ['http://LOCALHOST./', false],
    ['http://api.localhost/', false],
    ['http://[::1]/', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['http://[::127.0.0.1]/', false],
    ['http://[::169.254.169.254]/', false],
    ['http://[64:ff9b:1::7f00:1]/', false],
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', false],
    ['http://2130706433/', false], // WHATWG URL turns this into 127.0.0.1
    ['http://0x7f.1/', false],
    ['http://10.1.2.3/', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['https://example.com/', true],
    ['https://8.8.8.8/', true],
  ])('strict: %s allowed=%s', (url, allowed) => {
    expect(checkUrlTargetAllowed(url, STRICT).allowed).toBe(allowed);
  });

  it('open policy still refuses metadata and link-local literals, with a reason', () => {
    const verdict = checkUrlTargetAllowed('http://169.254.169.254/', OPEN);
    expect(verdict).toEqual({ allowed: false, reason: '169.254.169.254 is a cloud metadata address' });
    expect(checkUrlTargetAllowed('http://[fe80::1]/', OPEN).allowed).toBe(false);
    expect(checkUrlTargetAllowed('http://localhost:3000/', OPEN).allowed).toBe(true);
  });

  it('rejects an unparsable URL and judges bare hosts for TCP monitors', () => {
    expect(checkUrlTargetAllowed('not a url', OPEN)).toEqual({ allowed: false, reason: 'Invalid URL' });
    expect(checkHostTargetAllowed('192.168.1.1', STRICT).allowed).toBe(false);
    expect(checkHostTargetAllowed('db.internal.example', STRICT).allowed).toBe(true);
  });
});
