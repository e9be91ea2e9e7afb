// Pure evaluation pieces: status code specs, keyword rule, JSON assertions, error causes.
import { describe, expect, it } from 'vitest';
import { CheckFailure, describeError } from '@/lib/checker/causes';
import { evaluateJsonAssertion, evaluateJsonAssertions, parseJsonPath } from '@/lib/checker/json-assertions';
import { evaluateKeyword } from '@/lib/checker/keyword';
import { isValidStatusCodeSpec, matchesStatusCodes } from '@/lib/checker/status-codes';
import type { JsonAssertion } from '@/lib/checker/types';

describe('status code specs', () => {
  it.each([
    ['200', true], ['200-299', true], [' 301 ', true], ['200 - 299', true], ['100-599', true],
    ['2xx', false], ['299-200', false], ['600', false], ['99', false], ['', false], ['200,301', false], ['abc', false],
  ])('isValidStatusCodeSpec(%j) = %s', (spec, valid) => {
    expect(isValidStatusCodeSpec(spec)).toBe(valid);
  });

  it.each([
    [200, ['200-299'], true], [299, ['200-299'], true], [300, ['200-299'], false],
    [301, ['200-299', '301'], true], [302, ['200-299', '301'], false], [503, ['500-599'], true],
    [200, ['bogus'], false], [200, [], false],
  ])('%i in %j = %s', (code, specs, expected) => {
    expect(matchesStatusCodes(code, specs)).toBe(expected);
  });
});

describe('evaluateKeyword', () => {
  const body = 'Status: All Systems Operational';
  it.each([
    ['Operational', 'present', true, true, null],
    ['operational', 'present', false, true, null],
    ['operational', 'present', true, false, 'keyword_missing'],
    ['Outage', 'present', false, false, 'keyword_missing'],
    ['Outage', 'absent', false, true, null],
    ['ALL SYSTEMS', 'absent', false, false, 'keyword_present'],
    ['ALL SYSTEMS', 'absent', true, true, null],
  ] as const)('%j %s caseSensitive=%s -> %s', (keyword, mode, cs, success, cause) => {
    const result = evaluateKeyword(body, { keyword, keywordMode: mode, keywordCaseSensitive: cs });
    expect(result.success).toBe(success);
    if (!result.success) {
      expect(result.cause).toBe(cause);
      expect(result.message).toContain(keyword);
    }
  });
});

describe('JSON assertions', () => {
  const doc = {
    data: { status: 'ok', count: 42, ratio: '0.5', flag: true, nothing: null },
    items: [{ id: 7, tags: ['a', 'b'] }, { id: 8 }],
    a: { b: [0, 1, { c: 'deep' }] },
    'odd.key': 1,
  };

  it.each([
    ['data.status', [['data', 'status']]],
    ['$.items[0].id', [['items', 0, 'id']]],
    ['a.b[2].c', [['a', 'b', 2, 'c']]],
    ['["odd.key"]', [['odd.key']]],
    ['items[x]', [null]],
  ])('parseJsonPath(%j)', (path, [expected]) => {
    expect(parseJsonPath(path)).toEqual(expected);
  });

  const table: Array<[JsonAssertion, boolean, string]> = [
    [{ path: 'data.status', op: '==', value: 'ok' }, true, ''],
    [{ path: 'data.status', op: '==', value: 'down' }, false, 'got "ok"'],
    [{ path: 'data.status', op: '!=', value: 'down' }, true, ''],
    [{ path: 'data.status', op: '!=', value: 'ok' }, false, 'got "ok"'],
    [{ path: 'data.count', op: '==', value: '42.0' }, true, ''],
    [{ path: 'data.count', op: '<', value: '100' }, true, ''],
    [{ path: 'data.count', op: '<', value: '9' }, false, 'got 42'], // numeric, not "42" < "9"
    [{ path: 'data.count', op: '>', value: '41' }, true, ''],
    [{ path: 'data.count', op: '>', value: '42' }, false, 'got 42'],
    [{ path: 'data.ratio', op: '<', value: '1' }, true, ''], // numeric string on both sides
    [{ path: 'data.flag', op: '==', value: 'true' }, true, ''],
    [{ path: 'data.nothing', op: 'exists' }, true, ''],
    [{ path: 'data.missing', op: 'exists' }, false, 'data.missing to exist'],
    [{ path: 'data.missing', op: '==', value: 'x' }, false, 'does not exist'],
    [{ path: 'items[0].id', op: '==', value: '7' }, true, ''],
    [{ path: 'items[1].id', op: '==', value: '7' }, false, 'got 8'],
    [{ path: 'items[5].id', op: 'exists' }, false, 'to exist'],
    [{ path: 'items[0].tags', op: 'contains', value: 'b' }, true, ''],
    [{ path: 'items[0].tags', op: 'contains', value: 'z' }, false, 'got ["a","b"]'],
    [{ path: 'a.b[2].c', op: 'contains', value: 'ee' }, true, ''],
    [{ path: 'a.b[2].c', op: '==', value: 'shallow' }, false, 'got "deep"'],
    [{ path: 'items.length', op: '==', value: '2' }, true, ''],
    [{ path: 'items[', op: 'exists' }, false, 'Invalid JSON path'],
  ];
  it.each(table)('%j -> %s', (assertion, success, messagePart) => {
    const result = evaluateJsonAssertion(doc, assertion);
    expect(result.success).toBe(success);
    if (!success) expect(result.message).toContain(messagePart);
  });

  it('reports a non-JSON body and the first failing assertion', () => {
    expect(evaluateJsonAssertions('<html>', [{ path: 'a', op: 'exists' }])).toMatchObject({
      success: false,
      message: expect.stringContaining('not valid JSON'),
    });
    const result = evaluateJsonAssertions(JSON.stringify(doc), [
      { path: 'data.status', op: '==', value: 'ok' },
      { path: 'data.count', op: '>', value: '50' },
      { path: 'data.status', op: '==', value: 'nope' },
    ]);
    expect(result).toEqual({ success: false, message: 'Expected data.count > "50", got 42' });
  });
});

describe('describeError', () => {
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });
  it.each([
    [err('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid'), 'dns_failure', 'DNS lookup failed for nope.invalid'],
    [err('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x.test'), 'dns_failure', 'temporary'],
    [err('ECONNREFUSED'), 'connection_refused', 'Connection refused'],
    [err('ECONNRESET', 'socket hang up'), 'connection_reset', 'socket hang up'],
    [err('EPIPE'), 'connection_reset', 'Connection reset'],
    [err('CERT_HAS_EXPIRED'), 'tls_error', 'certificate has expired'],
    [err('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls_error', 'self-signed certificate'],
    [err('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls_error', 'hostname mismatch'],
    [err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls_error', 'untrusted'],
    [err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'tls_error', 'wrong version number'],
    [err('HPE_INVALID_CONSTANT', 'Parse Error'), 'network_error', 'Invalid HTTP response'],
    [err('ENETUNREACH'), 'network_error', 'unreachable'],
    [err('ERR_BLOCKED_TARGET', 'Blocked target: 10.0.0.1'), 'blocked_target', '10.0.0.1'],
    [new CheckFailure('too_many_redirects', 'Too many redirects'), 'too_many_redirects', 'Too many'],
    [new Error('weird'), 'network_error', 'weird'],
    ['a string', 'network_error', 'a string'],
  ])('%s -> %s', (input, cause, messagePart) => {
    const failure = describeError(input);
    expect(failure.cause).toBe(cause);
    expect(failure.message).toContain(messagePart);
  });
});
