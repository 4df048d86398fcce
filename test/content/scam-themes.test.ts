// Scam themes that arrive in many languages: court summonses, windfalls, storage alerts,
// training-fund offers, fake receipts. Each phrase is tried on texts written here, with the
// ordinary sentences near them that must not count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDetector } from '../../src/detectors/content.ts';
import { codes, facts, run } from './helpers.ts';

async function found(text: string, subject = ''): Promise<string[]> {
  return codes(await run(contentDetector, facts({ subject, text, links: [] })));
}

async function assertFinds(code: string, texts: string[]): Promise<void> {
  for (const text of texts) assert.ok((await found(text)).includes(code), `${code} expected: ${text}`);
}

async function assertNot(code: string, texts: string[]): Promise<void> {
  for (const text of texts) assert.ok(!(await found(text)).includes(code), `${code} not expected: ${text}`);
}

describe('court summonses and criminal charges by mail', () => {
  it('finds a summons, a charge or a warrant in the languages they arrive in', async () => {
    await assertFinds('CONTENT_LEGAL_SUMMONS', [
      'Notificación Judicial. Nos ponemos en contacto porque no hemos recibido respuesta.',
      'Existe una demanda en su contra por falta de pago.',
      'NOTIFICAÇÃO JUDICIAL: inclusão de protesto em cartório do boleto.',
      'Foi expedido um mandado de intimação em seu nome.',
      'Gegen Sie wurde ein Haftbefehl erlassen.',
      'Une plainte a été déposée contre vous auprès du tribunal.',
      'A criminal complaint has been filed against you.',
      'You are hereby summoned to appear before the magistrate.',
      '裁判所から訴状が届いています。',
      '下記期日に出頭してください。',
    ]);
  });

  it('does not count news about courts, or a lawyer discussing records', async () => {
    await assertNot('CONTENT_LEGAL_SUMMONS', [
      'The court hearing on the merger is set for Tuesday; the judge asked both sides for briefs.',
      'Once you have legal recourse to subpoena records, it gets easier.',
      'O processo de seleção terminou; o resultado sai amanhã.',
      'Das Verfahren zur Anmeldung ist einfach.',
      'He was arrested in 1998 and released a year later.',
    ]);
  });

  it('reads being taken by force or arrested as a threat', async () => {
    await assertFinds('CONTENT_THREAT', [
      'Caso deixe de comparecer sem motivo justificado será conduzido coercitivamente.',
      'If you ignore this notice you will be arrested.',
      'Andernfalls werden Sie festgenommen.',
    ]);
    await assertNot('CONTENT_THREAT', ['The suspect will be arrested if found, police said.', 'Você será conduzido à sala de reunião pela recepção.']);
  });
});
