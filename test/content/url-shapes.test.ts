// Shapes of link addresses added from the phishing reports and spam traps: each with the
// near-misses that must stay quiet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlReputationDetector } from '../../src/detectors/url-reputation.ts';
import { codes, facts, run } from './helpers.ts';

const codesFor = async (url: string) => codes(await run(urlReputationDetector, facts({ text: url })));

describe("a spam mass-mailer's tracking path", () => {
  it('is a kit path in either of its two endings', async () => {
    for (const url of ['https://slave.socialou.example/4MZtVB2614DBzo275bdyfgnwpzg551VYISEHATWTGJGEA26NXGV12007n9', 'http://wetrackrewards.example/4QcTZZ999VNoT90bgorkqiavm80NTLLWWFVVPGCMTU285239ZGJT364907p1', 'https://dtherhproblem.example/6zaMWL323TMhl15bmbnsgtebh65KACORAIXQLKIWIZ1371191/10219V9']) {
      assert.ok((await codesFor(url)).includes('URL_KIT_PATH'), url);
    }
  });

  it('leaves tokens of other lengths, other tracking links and ids alone', async () => {
    // One run a letter short, a second path segment in front, a mail service's click link, a hex id.
    for (const url of ['https://news.example/4MZtVB2614DBzo275bdyfgnwpzg551VYISEHATWTGJGE26NXGV12007n9', 'https://news.example/c/4MZtVB2614DBzo275bdyfgnwpzg551VYISEHATWTGJGEA26NXGV12007n9', 'https://u123.ct.sendgrid.example/ls/click?upn=cCwlxFFkk6IY-2BfKHW5dgoh1or', 'https://shop.example/order/4f2a9c1e77b04d1e']) {
      assert.ok(!(await codesFor(url)).includes('URL_KIT_PATH'), url);
    }
  });
});

describe('host names no website uses', () => {
  it('flags DNS-record and server names, garbled www and one letter behind www', async () => {
    for (const url of ['https://mta-sts.wae67.example/', 'https://ns2.galdancewear.example/', 'https://smtps.shop-k.example/', 'https://_.klz724.example/', 'https://_dmarc.kiwi-k.example/', 'https://wwww.aupypp.example/', 'https://vvwvv.aupypp.example/', 'https://wwwinfoepos.ececr.example/', 'https://www.www.aoce.mceoreaei.example/', 'https://www.c.mcesrcasrai.example/']) {
      assert.ok((await codesFor(url)).includes('URL_UNSERVED_HOST_NAME'), url);
    }
  });

  it('leaves www, numbered and mail hosts, web mail, hosting panels and longer labels behind www alone', async () => {
    for (const url of ['https://www.example.com/', 'https://www2.example.com/', 'https://mail.example.com/', 'https://webmail.example.com/', 'https://cpanel.example.com:2083/', 'https://www.cs.example.edu/~jo/', 'https://m.example.com/', 'https://news.smtp.example.com/', 'https://wiki.example.com/', 'https://vvs.example.com/', 'https://www7b.example.com/', 'https://ww2.history.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_UNSERVED_HOST_NAME'), url);
    }
  });
});

describe('a regional sign-in label', () => {
  it('is a portal in front, a phishing host behind another label', async () => {
    assert.ok((await codesFor('https://connect.au-login.xq46fch.example/')).includes('URL_LOGIN_SUBDOMAIN'));
    for (const url of ['https://login-us.mimecast.com/', 'https://www.eu-login.vendor.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_LOGIN_SUBDOMAIN'), url);
    }
  });
});
