// Human-readable output for a terminal: the verdict first, then why, then what to do.
import type { Report } from '../engine.ts';
import type { Label } from '../verdict/verdict.ts';
import type { Severity } from '../verdict/finding.ts';

export type Lang = 'ja' | 'en';

const LABEL_TEXT: Record<Label, Record<Lang, string>> = {
  genuine: { ja: '本物（署名で確認済み）', en: 'GENUINE (proven by signature)' },
  unverified: { ja: '判断できません（本物である証明なし）', en: 'UNVERIFIED (no proof it is genuine)' },
  suspicious: { ja: '注意（不審な点があります）', en: 'SUSPICIOUS' },
  phishing: { ja: 'フィッシングの可能性が高い', en: 'LIKELY PHISHING' },
};

const SEVERITY_MARK: Record<Severity, string> = { critical: '!!!', high: '!! ', medium: '!  ', low: '-  ', info: 'i  ' };

const COLOR: Record<Label, string> = { genuine: '32', unverified: '33', suspicious: '33', phishing: '31' };

const WORDS = {
  ja: { score: 'リスク', brand: '名乗っているブランド', none: 'なし', why: '理由', advice: 'どうすればよいか', from: '差出人', subject: '件名', forwarded: '転送されたメールの元のメッセージを判定しました', official: '公式の確認先', auth: '署名・認証' },
  en: { score: 'risk', brand: 'claims to be', none: 'none', why: 'Why', advice: 'What to do', from: 'From', subject: 'Subject', forwarded: 'Judged the original message inside the forwarded mail', official: 'Check instead at', auth: 'Signature and authentication' },
} as const;

export function labelText(label: Label, lang: Lang): string {
  return LABEL_TEXT[label][lang];
}

export function formatReport(report: Report & { file?: string; url?: string }, lang: Lang, color: boolean): string {
  const w = WORDS[lang];
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const name = report.file ?? report.url;
  if (name) lines.push(paint('1', name));
  lines.push(`${paint(`1;${COLOR[report.verdict]}`, labelText(report.verdict, lang))}  (${w.score} ${report.score}/100)`);
  lines.push(`${w.brand}: ${report.brandName ? report.brandName[lang] : w.none}`);
  if (report.message.from) lines.push(`${w.from}: ${report.message.from}`);
  if (report.message.subject) lines.push(`${w.subject}: ${report.message.subject}`);
  if (report.message.forwarded) lines.push(`(${w.forwarded})`);
  const auth = report.details.auth as { summary?: Record<Lang, string> } | undefined;
  if (auth?.summary) lines.push(`${w.auth}: ${auth.summary[lang]}`);
  if (report.findings.length) {
    lines.push('', `${w.why}:`);
    for (const f of report.findings) {
      lines.push(`  ${SEVERITY_MARK[f.severity]} ${f.message[lang]}  [${f.code}]`);
      for (const e of f.evidence) {
        const shown = e.shown && e.shown !== e.value ? ` «${e.shown}»` : '';
        lines.push(`        ${e.where ? `${e.where}: ` : ''}${e.value}${shown}`);
      }
    }
  }
  if (report.advice.length) {
    lines.push('', `${w.advice}:`);
    for (const a of report.advice) lines.push(`  - ${a[lang]}`);
  }
  if (report.officialLinks.length && report.verdict !== 'genuine') {
    lines.push('', `${w.official}:`);
    for (const l of report.officialLinks) lines.push(`  ${l.label[lang]}: ${l.url}`);
  }
  return lines.join('\n');
}
