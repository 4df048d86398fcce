// The small parsers under the authenticity checks: recorded DNS, the fail-fast resolver,
// Authentication-Results, and the raw MIME splitter the S/MIME checks rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthResultsValue } from '../../src/auth/auth-results.ts';
import { RecordedDnsError, offlineResolver, parseRecordedDns, recordedResolver } from '../../src/auth/dns.ts';
import { bytesToText, multipartParts, parseContentType, parseEntity } from '../../src/auth/mime-bytes.ts';
import { findSignedStructure } from '../../src/auth/smime-structure.ts';

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('recorded DNS', () => {
  const resolver = recordedResolver(
    parseRecordedDns(
      JSON.stringify({ TXT: { 'Example.JP': [['v=spf1 ', '-all']] }, A: { 'example.jp': ['192.0.2.1'] }, MX: { 'example.jp': [{ exchange: 'mx.example.jp', priority: 10 }] } }),
      'dns.json',
    ),
  );

  it('answers recorded names case-insensitively, with or without the trailing dot', async () => {
    assert.deepEqual(await resolver('example.jp.', 'TXT'), [['v=spf1 ', '-all']]);
    assert.deepEqual(await resolver('EXAMPLE.jp', 'A'), ['192.0.2.1']);
  });

  it('says NXDOMAIN for unknown names and NODATA for known names without that type', async () => {
    assert.equal(await errorCode(resolver('missing.example.jp', 'TXT')), 'ENOTFOUND');
    assert.equal(await errorCode(resolver('example.jp', 'AAAA')), 'ENODATA');
  });

  it('accepts a bare string as a one-chunk TXT record', () => {
    assert.deepEqual(parseRecordedDns('{"TXT": {"a.jp": ["v=DMARC1; p=none"]}}', 'x').TXT, { 'a.jp': [['v=DMARC1; p=none']] });
  });

  it('names the offending path in a bad file', () => {
    assert.throws(() => parseRecordedDns('{"A": {"a.jp": ["not-an-ip"]}}', 'dns.json'), (error: Error) => error instanceof RecordedDnsError && /dns\.json: .*A\.a\.jp\.0/.test(error.message));
    assert.throws(() => parseRecordedDns('{"TXT": ', 'dns.json'), /dns\.json: not valid JSON/);
    assert.throws(() => parseRecordedDns('{"SOA": {}}', 'dns.json'), /invalid recorded DNS/);
  });

  it('the offline default fails at once with a timeout, never touching the network', async () => {
    const started = performance.now();
    assert.equal(await errorCode(offlineResolver('micard.co.jp', 'TXT')), 'ETIMEOUT');
    assert.ok(performance.now() - started < 100);
  });
});

describe('Authentication-Results parsing', () => {
  it('reads authserv-id, methods, results, properties, reasons and comments', () => {
    const parsed = parseAuthResultsValue(
      'mx.google.com 1; dkim=pass (2048-bit key; unprotected) header.i=@micard.co.jp header.s=kk header.b="ab;c"; spf=softfail (google.com: domain of transitioning x@y does not designate 1.2.3.4) smtp.mailfrom=x@y; dmarc/1=fail reason="p=reject" header.from=micard.co.jp',
    );
    assert.equal(parsed.authservId, 'mx.google.com');
    assert.deepEqual(
      parsed.results.map((r) => [r.method, r.result]),
      [
        ['dkim', 'pass'],
        ['spf', 'softfail'],
        ['dmarc', 'fail'],
      ],
    );
    assert.equal(parsed.results[0].props['header.b'], 'ab;c');
    assert.equal(parsed.results[0].reason, '2048-bit key; unprotected');
    assert.equal(parsed.results[2].props['header.from'], 'micard.co.jp');
    assert.equal(parsed.results[2].reason, 'p=reject');
  });

  it('reads Microsoft 365\'s header, which has no authserv-id', () => {
    const parsed = parseAuthResultsValue(
      'spf=softfail (sender IP is 103.179.128.151) smtp.mailfrom=gmail.com; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=gmail.com;compauth=fail reason=001',
    );
    assert.equal(parsed.authservId, '');
    assert.deepEqual(
      parsed.results.map((r) => [r.method, r.result]),
      [
        ['spf', 'softfail'],
        ['dkim', 'none'],
        ['dmarc', 'fail'],
        ['compauth', 'fail'],
      ],
    );
    assert.equal(parsed.results[0].reason, 'sender IP is 103.179.128.151');
    assert.equal(parsed.results[3].reason, '001');
  });

  it('reads a header with no results', () => {
    assert.deepEqual(parseAuthResultsValue('mx.example.jp; none'), { authservId: 'mx.example.jp', results: [] });
  });
});

describe('raw MIME structure', () => {
  it('splits multipart bodies exactly, leaving the CRLF before a delimiter to the delimiter', () => {
    const text = 'Content-Type: multipart/mixed; boundary="b"\r\n\r\npreamble\r\n--b\r\nA: 1\r\n\r\none\r\n--b \r\n\r\ntwo\r\n\r\n--b--\r\nepilogue';
    const entity = parseEntity(text);
    const { parts, closed } = multipartParts(text, entity, parseContentType(entity.headers[0].value).params.boundary);
    assert.equal(closed, true);
    assert.deepEqual(
      parts.map((p) => text.slice(p.start, p.end)),
      ['A: 1\r\n\r\none', '\r\ntwo\r\n'],
    );
  });

  it('does not take a longer boundary for the real one', () => {
    const text = 'Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bb is text\n--b--\n';
    const entity = parseEntity(text);
    assert.deepEqual(
      multipartParts(text, entity, 'b').parts.map((p) => text.slice(p.start, p.end)),
      ['\n--bb is text'],
    );
  });

  it('keeps folded header fields whole', () => {
    const entity = parseEntity('Content-Type: multipart/signed;\r\n\tprotocol="application/pkcs7-signature"; boundary="x y"\r\n\r\n');
    assert.deepEqual(parseContentType(entity.headers[0].value), { type: 'multipart/signed', params: { protocol: 'application/pkcs7-signature', boundary: 'x y' } });
    assert.equal(entity.headers[0].raw, 'Content-Type: multipart/signed;\r\n\tprotocol="application/pkcs7-signature"; boundary="x y"');
  });

  it('skips an mbox "From " separator line before the headers', () => {
    const entity = parseEntity('From info@micard.co.jp Mon Jun  1 09:00:00 2026\nFrom: MI Card <info@micard.co.jp>\nSubject: x\n\nbody');
    assert.deepEqual(entity.headers.map((h) => h.name), ['from', 'subject']);
  });

  it('reports encrypted S/MIME as such and does not look inside attached messages', () => {
    const encrypted = new Uint8Array(Buffer.from('Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n\r\nMIAG\r\n'));
    assert.deepEqual(findSignedStructure(encrypted), { form: 'encrypted', path: '' });
    const attached = 'Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--o\r\nContent-Type: message/rfc822\r\n\r\nContent-Type: multipart/signed; boundary=s\r\n\r\n--s\r\n\r\nx\r\n--s--\r\n\r\n--o--\r\n';
    assert.equal(findSignedStructure(new Uint8Array(Buffer.from(attached))), undefined);
    assert.equal(bytesToText(new Uint8Array([0xe3, 0x81, 0x82])).length, 3);
  });
});
