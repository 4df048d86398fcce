// Builds messages for the content, phone, URL-reputation and attachment tests and runs the
// engine on them. Messages are made here, in the test, so every case says what it is about.
import assert from 'node:assert/strict';
import { claimBrand } from '../../src/brand/claim.ts';
import { contentDetector } from '../../src/detectors/content.ts';
import type { Detector, DetectorContext } from '../../src/detectors/detector.ts';
import { createEngine, type Report } from '../../src/engine.ts';
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import { emptyFacts, type AttachmentFact, type Link, type MessageFacts } from '../../src/message/facts.ts';
import { extractTextUrls } from '../../src/message/text.ts';
import { loadProfiles } from '../../src/profile/loader.ts';
import type { Finding } from '../../src/verdict/finding.ts';

export const profiles = loadProfiles();
export const NOW = new Date('2026-06-01T00:00:00Z');
export const engine = createEngine({ profiles, now: NOW });

export type MailSpec = {
  kind?: MessageFacts['kind'];
  fromName?: string;
  from?: string;
  subject?: string;
  text?: string;
  htmlText?: string;
  hiddenText?: MessageFacts['hiddenText'];
  links?: Link[];
  attachments?: AttachmentFact[];
  images?: MessageFacts['images'];
};

/** Facts as the parser would give them: links found in the text, the sender split into name and address. */
export function facts(spec: MailSpec): MessageFacts {
  const f = emptyFacts(spec.kind ?? 'mail');
  if (spec.from) f.from = { name: spec.fromName ?? '', address: spec.from };
  f.subject = spec.subject ?? '';
  f.text = spec.text ?? '';
  if (spec.htmlText) f.htmlText = spec.htmlText;
  f.hiddenText = spec.hiddenText ?? [];
  f.links = spec.links ?? extractTextUrls(`${f.text}\n${f.htmlText ?? ''}`, 'text', 100).links;
  f.attachments = spec.attachments ?? [];
  f.images = spec.images ?? [];
  return f;
}

export function context(f: MessageFacts): DetectorContext {
  return { profiles, claim: claimBrand(f, profiles), limits: DEFAULT_LIMITS, now: NOW, auth: {}, annotate() {} };
}

export async function run(detector: Detector, f: MessageFacts): Promise<Finding[]> {
  return detector.detect(f, context(f));
}

export function codes(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

export function byCode(findings: Finding[], code: string): Finding {
  const found = findings.find((f) => f.code === code);
  if (!found) throw new Error(`no ${code} among ${codes(findings).join(', ') || 'no findings'}`);
  return found;
}

export function judge(f: MessageFacts): Promise<Report> {
  return engine.judge(f);
}

export function attachment(filename: string, content: Uint8Array | string, mimeType = 'application/octet-stream', inline = false): AttachmentFact {
  const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
  return { filename, mimeType, size: bytes.length, content: bytes, inline };
}

/** The content checks' codes for a text and a subject, in a mail without links. */
export async function contentCodes(text: string, subject = ''): Promise<string[]> {
  return codes(await run(contentDetector, facts({ subject, text, links: [] })));
}

/** The content checks' codes for a text as `facts({ text })` gives it: the links in the text found, as the parser would. */
export async function textCodes(text: string): Promise<string[]> {
  return codes(await run(contentDetector, facts({ text })));
}

/** Every text, as a mail body, gets `code`; `codesOf` reads a text (by default, without links). */
export async function assertFinds(code: string, texts: string[], codesOf: (text: string) => Promise<string[]> = contentCodes): Promise<void> {
  for (const text of texts) assert.ok((await codesOf(text)).includes(code), `${code} expected: ${text}`);
}

/** No text, as a mail body, gets `code`; `codesOf` reads a text (by default, without links). */
export async function assertNot(code: string, texts: string[], codesOf: (text: string) => Promise<string[]> = contentCodes): Promise<void> {
  for (const text of texts) assert.ok(!(await codesOf(text)).includes(code), `${code} not expected: ${text}`);
}

/** Every text, read with its links, gets the code beside it. */
export async function assertFindsEach(cases: [text: string, code: string][]): Promise<void> {
  for (const [text, code] of cases) await assertFinds(code, [text], textCodes);
}
