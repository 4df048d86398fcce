// Findings about what the message carries (src/attachments/analyze.ts does the opening):
// programs and scripts, disk images, shortcuts, HTML pages that ask for passwords or build
// themselves from hidden data, Office macros, PDFs that run code, archives with passwords or
// bombs, and QR codes. The links found inside attachments and QR codes are not judged here:
// the parser (src/message/mail.ts) adds them to the message's links, so the link checks see them like any other.
import { attachmentReport, type Observation, type ObservationCode } from '../attachments/analyze.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';

const CATALOGUE: Catalogue<ObservationCode> = {
  ATTACH_EXECUTABLE: {
    severity: 'critical',
    ja: '添付ファイル「{name}」は実行するとパソコンでプログラムが動くファイル（{detail}）です。開かないでください。',
    en: 'The attachment "{name}" is a program or script ({detail}) that runs on your computer when opened. Do not open it.',
  },
  ATTACH_DISK_IMAGE: {
    severity: 'high',
    ja: '添付ファイル「{name}」はディスクイメージ（{detail}）です。中にプログラムを隠してメールの検査をすり抜ける手口に使われます。',
    en: 'The attachment "{name}" is a disk image ({detail}), used to smuggle programs past mail checks.',
  },
  ATTACH_LINK_FILE: {
    severity: 'high',
    ja: '添付ファイル「{name}」は、開くとファイルやネットワーク上の共有フォルダ、プログラム、Webサイトを開くショートカット（{detail}）です。',
    en: 'The attachment "{name}" is a shortcut ({detail}) that opens a file, a network share, a program or a website when clicked.',
  },
  ATTACH_WEB_SHORTCUT: {
    severity: 'low',
    ja: '添付ファイル「{name}」はWebページを開くショートカット（{detail}）です。開く先のアドレスは、ほかのリンクと同じように確認しています。',
    en: 'The attachment "{name}" is a shortcut ({detail}) to a web page; its address is checked like any link.',
  },
  ATTACH_DISGUISED: {
    severity: 'high',
    ja: '添付ファイル「{name}」は名前で種類を偽っています（{detail}）。',
    en: 'The attachment "{name}" disguises its type ({detail}).',
  },
  ATTACH_HTML: {
    severity: 'medium',
    ja: '添付ファイル「{name}」はWebページ（{detail}）です。開くとメールの検査を経ないページが表示されます。',
    en: 'The attachment "{name}" is a web page ({detail}); opening it shows a page no mail filter has checked.',
  },
  ATTACH_HTML_FORM: {
    severity: 'critical',
    ja: '添付ファイル「{name}」はパスワードやカード情報の入力欄（{detail}）を持つページです。入力しないでください。',
    en: 'The attachment "{name}" is a page with fields for passwords or card details ({detail}). Do not fill it in.',
  },
  ATTACH_HTML_SMUGGLING: {
    severity: 'high',
    ja: '添付ファイル「{name}」は、隠したデータからページやファイルを組み立てるスクリプト（{detail}）を含みます。',
    en: 'The attachment "{name}" has script that builds a page or file from hidden data ({detail}).',
  },
  ATTACH_HTML_REDIRECT: {
    severity: 'high',
    ja: '添付ファイル「{name}」は開くとすぐ別のサイト（{detail}）へ移動するか、そのサイトをページの中に表示します。',
    en: 'The attachment "{name}" sends you straight to another site ({detail}) when opened, or shows that site inside itself.',
  },
  ATTACH_MACRO: {
    severity: 'high',
    ja: '添付ファイル「{name}」はマクロ付きのOfficeファイル（{detail}）です。「コンテンツの有効化」を押さないでください。',
    en: 'The attachment "{name}" is an Office file with macros ({detail}). Do not click "Enable content".',
  },
  ATTACH_OFFICE_REMOTE: {
    severity: 'high',
    ja: '添付ファイル「{name}」は、開くとインターネット上のテンプレートやオブジェクト（{detail}）を読み込みます。検査をすり抜けて不正なプログラムを動かす手口です。',
    en: 'The attached document "{name}" fetches a template or object from the internet when opened ({detail}): a way to run code that no scanner saw.',
  },
  ATTACH_OFFICE_LINKS: {
    severity: 'info',
    ja: '添付ファイル「{name}」にリンクがあります：{detail}',
    en: 'The attached document "{name}" contains links: {detail}',
  },
  ATTACH_PDF_ACTIVE: {
    severity: 'high',
    ja: '添付PDF「{name}」は、開くと動作する仕掛け（{detail}）を含みます。',
    en: 'The attached PDF "{name}" contains content that acts on its own ({detail}).',
  },
  ATTACH_PDF_LINKS: {
    severity: 'info',
    ja: '添付PDF「{name}」にリンクがあります：{detail}',
    en: 'The attached PDF "{name}" contains links: {detail}',
  },
  ATTACH_PDF_ENCRYPTED: {
    severity: 'medium',
    ja: '添付PDF「{name}」は暗号化されていて、中身を検査から隠しています。検査をすり抜けるための手口です。',
    en: 'The attached PDF "{name}" is encrypted, which hides its contents from scanners: a way to slip past them.',
  },
  ATTACH_CALENDAR_LINKS: {
    severity: 'low',
    ja: '添付の予定表ファイル「{name}」にリンクがあります：{detail}',
    en: 'The attached calendar file "{name}" contains links: {detail}',
  },
  ATTACH_ARCHIVE_ENCRYPTED: {
    severity: 'medium',
    ja: '添付ファイル「{name}」はパスワード付きの圧縮ファイルで、中身（{detail}）を検査できません。',
    en: 'The attachment "{name}" is a password-protected archive; its contents ({detail}) cannot be checked.',
  },
  ATTACH_ARCHIVE_BOMB: {
    severity: 'medium',
    ja: '添付ファイル「{name}」は展開すると異常に大きくなる圧縮ファイル（{detail}）です。',
    en: 'The attachment "{name}" is an archive that expands to an abnormal size ({detail}).',
  },
  ATTACH_ARCHIVE_OPAQUE: {
    severity: 'low',
    ja: '添付ファイル「{name}」は中身を検査できない形式の圧縮ファイル（{detail}）です。',
    en: 'The attachment "{name}" is an archive in a format that cannot be checked ({detail}).',
  },
  ATTACH_ARCHIVE_MALFORMED: {
    severity: 'medium',
    ja: '添付ファイル「{name}」は構造が壊れた圧縮ファイルです（{detail}）。展開ソフトや検査ソフトによって見える中身が異なることがあり、検査をすり抜ける手口に使われます。',
    en: 'The attachment "{name}" is an archive whose structure is broken ({detail}): archive tools and mail scanners may each see different contents in it, a way to slip past scanners.',
  },
  ATTACH_QR_CODE: {
    severity: 'low',
    ja: '画像「{name}」にQRコードがあります：{detail}（スマートフォンで読み取る前に、送り主を確かめてください）',
    en: 'The image "{name}" holds a QR code: {detail} (check who sent it before scanning it with your phone)',
  },
  ATTACH_NOT_EXAMINED: {
    severity: 'info',
    ja: '添付ファイル「{name}」は検査の上限を超えたため、一部を調べていません（{detail}）。',
    en: 'The attachment "{name}" was not fully examined: {detail}.',
  },
};

function evidenceFor(observation: Observation): Evidence[] {
  const evidence: Evidence[] = [{ kind: 'attachment', value: observation.name, where: 'attachment' }];
  if (observation.url) {
    const where = observation.code === 'ATTACH_QR_CODE' ? `QR code in image ${observation.name}` : `attachment ${observation.name}`;
    evidence.push({ kind: 'url', value: observation.url, where });
  }
  return evidence;
}

export const attachmentsDetector: Detector = {
  name: 'attachments',
  appliesTo: ['mail'],
  async detect(facts, context) {
    if (facts.attachments.length === 0 && !facts.images.some((image) => image.src.startsWith('data:'))) return [];
    const report = await attachmentReport(facts, context.limits);
    const findings: Finding[] = [];
    const byCode = new Map<ObservationCode, Observation[]>();
    for (const observation of report.observations) byCode.set(observation.code, [...(byCode.get(observation.code) ?? []), observation]);
    for (const [code, observations] of byCode) {
      const first = observations[0]!;
      findings.push(finding(CATALOGUE, code, observations.slice(0, 5).flatMap(evidenceFor), { name: first.name, detail: first.detail }));
    }
    return findings;
  },
};
