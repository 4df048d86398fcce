// Authenticity throughput: verified messages per second through the engine with only the
// S/MIME detector (signature, chain to a trust anchor, profile rules) and with only the
// DKIM/SPF/DMARC detector on recorded DNS. One signed mail is made once, then checked
// repeatedly for a fixed time on one core; nothing touches the network.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { signMail } from '../src/auth/smime-sign.ts';
import { mailAuthDetector } from '../src/detectors/mail-auth.ts';
import { smimeDetector } from '../src/detectors/smime.ts';
import { createEngine, type Engine, type Report } from '../src/engine.ts';
import { createPki, TEST_NOW } from '../test/auth/pki.ts';
import { noticeMail } from '../test/auth/mails.ts';

const RUN_MS = 2000;

async function perSecond(engine: Engine, mail: Uint8Array, expect: string): Promise<number> {
  const verify = (report: Report) => {
    if (!report.findings.some((f) => f.code === expect)) throw new Error(`benchmark mail did not verify: ${report.findings.map((f) => f.code).join()}`);
  };
  for (let i = 0; i < 20; i++) verify(await engine.checkMail(mail));
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < RUN_MS) {
    verify(await engine.checkMail(mail));
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

async function dkimMail(): Promise<{ mail: Uint8Array; dns: Record<string, Record<string, string[][]>> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const message = noticeMail({ extraHeaders: ['Return-Path: <bounce@micard.co.jp>'] });
  const { signatures } = await dkimSign(message, {
    signatureData: [{ signingDomain: 'micard.co.jp', selector: 'bench', privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), signTime: new Date('2020-01-01T00:00:00Z') }],
  } as Parameters<typeof dkimSign>[1]);
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;
  const received = 'Received: from mail.micard.co.jp (mail.micard.co.jp [192.0.2.10]) by mx.example.jp with ESMTPS id b1; Mon, 01 Jun 2026 09:00:01 +0900\r\n';
  return {
    mail: new Uint8Array(Buffer.from(received + signatures + message)),
    dns: {
      TXT: {
        'bench._domainkey.micard.co.jp': [record.match(/.{1,255}/g)!],
        '_dmarc.micard.co.jp': [['v=DMARC1; p=reject']],
        'micard.co.jp': [['v=spf1 ip4:192.0.2.10 -all']],
      },
    },
  };
}

export async function benchAuth(): Promise<{ smimePerSec: number; dkimPerSec: number }> {
  const pki = await createPki();
  try {
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail(), signingTime: TEST_NOW });
    const smimeEngine = createEngine({ detectors: [smimeDetector], now: TEST_NOW, auth: { trustAnchorFiles: [pki.root.certFile] } });
    const smimePerSec = await perSecond(smimeEngine, signed, 'SMIME_VALID');
    const { mail, dns } = await dkimMail();
    const dkimEngine = createEngine({ detectors: [mailAuthDetector], now: TEST_NOW, auth: { dns } });
    const dkimPerSec = await perSecond(dkimEngine, mail, 'DMARC_ALIGNED_PASS');
    return { smimePerSec, dkimPerSec };
  } finally {
    pki.cleanup();
  }
}

if (import.meta.main) console.log(await benchAuth());
