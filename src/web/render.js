// Turns reports into DOM. Everything from a report — and so from the pasted mail — becomes a
// text node: no innerHTML, no links, no attributes taken from the input. A URL is shown as
// text with the host it really goes to marked, so the member can see the trick without
// being able to follow it.
import { STRINGS } from './i18n.js';

/** Creates an element; string children become text nodes, null/false children are skipped. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

const srOnly = (text) => h('span', { class: 'sr-only' }, text);

/** The URL as text with `host` marked where it occurs (case-insensitively); nodes to append. */
function urlWithHost(value, host, t) {
  const at = host ? value.toLowerCase().indexOf(host.toLowerCase()) : -1;
  if (at < 0) {
    return h('code', { class: 'url' }, value, host ? [' (', t.realHost, ': ', h('mark', { class: 'host' }, host), ')'] : null);
  }
  return [
    h('code', { class: 'url' }, value.slice(0, at), h('mark', { class: 'host' }, value.slice(at, at + host.length)), value.slice(at + host.length)),
    // The mark is visual; a screen reader hears the host named once more.
    srOnly(`${t.realHost}: ${host}`),
  ];
}

function whereName(where, t) {
  return t.whereNames[where] ?? where;
}

function evidenceRow(label, ...content) {
  return h('p', { class: 'ev-row' }, h('span', { class: 'ev-label' }, label), ' ', ...content);
}

function renderEvidence(ev, t) {
  const where = ev.where ? h('span', { class: 'ev-where' }, `${t.where}: ${whereName(ev.where, t)}`) : null;
  switch (ev.kind) {
    case 'link':
    case 'url':
      return h(
        'div',
        { class: 'evidence ev-link' },
        ev.shown !== undefined && ev.shown !== ev.value ? evidenceRow(t.shown, h('code', { class: 'shown' }, ev.shown)) : null,
        evidenceRow(t.realTarget, urlWithHost(ev.value, ev.host, t)),
        where,
      );
    case 'host':
      return h('div', { class: 'evidence ev-host' }, evidenceRow(t.realHost, h('mark', { class: 'host' }, ev.value)), where);
    case 'phone':
      return h('div', { class: 'evidence ev-phone' }, h('mark', { class: 'phone' }, ev.value), where);
    case 'text':
      return h('div', { class: 'evidence ev-text' }, h('q', null, h('mark', { class: 'phrase' }, ev.value)), where);
    case 'signature': {
      const issuer = /^issuer: (.*)$/.exec(ev.where ?? '');
      return h(
        'div',
        { class: 'evidence ev-signature' },
        evidenceRow(t.signer, h('code', null, ev.value)),
        issuer ? evidenceRow(t.issuer, h('code', null, issuer[1])) : where,
      );
    }
    case 'header':
      return h('div', { class: 'evidence ev-header' }, evidenceRow(ev.where ?? '', h('code', null, ev.value)));
    default:
      return h('div', { class: `evidence ev-${ev.kind}` }, h('code', null, ev.value), where);
  }
}

function renderFinding(finding, lang, t) {
  return h(
    'li',
    { class: `finding sev-${finding.severity}` },
    h('span', { class: 'sev' }, t.severity[finding.severity] ?? finding.severity),
    h('p', { class: 'finding-text' }, finding.message[lang]),
    finding.evidence.map((ev) => renderEvidence(ev, t)),
  );
}

/** Phone numbers in advice are the official ones: set them in bold so they can be found at a glance. */
function withPhonesEmphasised(text) {
  const parts = text.split(/(\d{2,4}-\d{2,4}-\d{3,4})/);
  return parts.map((part, i) => (i % 2 === 1 ? h('strong', { class: 'tel' }, part) : part));
}

/** Mail dates in Japan time, which is what the member's mail app shows. */
function localDate(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });
  return `${text} (JST)`;
}

const VERDICT_ICON = { genuine: '✓', unverified: '?', suspicious: '!', phishing: '✕' };

function summaryList(report, lang, t) {
  const m = report.message ?? {};
  const rows = [
    [t.kindLabel, t.kind[m.kind] ?? m.kind],
    report.file ? [t.fileName, report.file] : null,
    report.url !== undefined ? [t.url, report.url] : null,
    m.from ? [t.from, m.from] : null,
    m.subject ? [t.subject, m.subject] : null,
    m.date ? [t.date, localDate(m.date, lang)] : null,
  ].filter(Boolean);
  return h('dl', { class: 'summary' }, rows.map(([k, v]) => [h('dt', null, k.replace(/[：:]\s*$/, '')), h('dd', null, v)]));
}

/** details.auth (S/MIME and DKIM/SPF/DMARC as the engine checked them) as label/value rows. */
function authRows(auth, lang, t) {
  const rows = [];
  const smime = auth.smime;
  if (smime) {
    const state = !smime.present ? 'none' : smime.form === 'encrypted' ? 'encrypted' : smime.valid ? 'valid' : 'invalid';
    rows.push([t.smime, t.smimeState[state], state === 'valid' ? 'good' : state === 'invalid' ? 'bad' : '']);
    const signer = smime.signer;
    if (signer) {
      const name = signer.organization ?? signer.commonName ?? signer.subject;
      rows.push([t.signer, signer.emails?.length ? `${name} <${signer.emails.join(', ')}>` : name, 'strong']);
      rows.push([t.issuer, signer.issuerCommonName ?? signer.issuer, 'strong']);
    }
    if (smime.trustAnchor) rows.push([t.trustAnchor, smime.trustAnchor, '']);
    if (smime.signingTime) rows.push([t.signedAt, localDate(smime.signingTime, lang), '']);
  }
  const result = (r) => t.results[r] ?? r;
  const mail = auth.mail;
  if (mail) {
    for (const dkim of mail.dkim ?? []) {
      const about = dkim.domain ? ` (d=${dkim.domain}${dkim.aligned ? `, ${t.aligned}` : ''})` : '';
      rows.push(['DKIM', `${result(dkim.result)}${about}`, dkim.result === 'pass' ? 'good' : '']);
    }
    if (mail.dkim && mail.dkim.length === 0) rows.push(['DKIM', result('none'), '']);
    if (mail.spf) rows.push(['SPF', `${result(mail.spf.result)}${mail.spf.domain ? ` (${mail.spf.domain})` : ''}`, mail.spf.result === 'pass' ? 'good' : '']);
    if (mail.dmarc) {
      const extra = [mail.dmarc.domain, mail.dmarc.policy ? `${t.results.policy}: ${mail.dmarc.policy}` : null].filter(Boolean).join(', ');
      rows.push(['DMARC', `${result(mail.dmarc.result)}${extra ? ` (${extra})` : ''}`, mail.dmarc.result === 'pass' ? 'good' : '']);
    }
  }
  return rows;
}

function authSection(auth, lang, t) {
  if (!auth || typeof auth !== 'object') return null;
  const rows = authRows(auth, lang, t);
  if (rows.length === 0) return null;
  return h(
    'section',
    { class: 'auth' },
    h('h3', null, t.authHeading),
    h('dl', { class: 'summary' }, rows.map(([label, value, tone]) => [h('dt', null, label), h('dd', { class: tone ? `auth-${tone}` : null }, String(value))])),
  );
}

function linksSection(links, t) {
  if (!Array.isArray(links) || links.length === 0) return null;
  const relationLabel = (relation) => {
    if (relation === 'official' || relation === 'related') return t.relation[relation];
    if (relation && relation !== 'unknown') return t.relation.impersonating;
    return null;
  };
  return h(
    'details',
    { class: 'links' },
    h('summary', null, `${t.linksHeading} (${links.length})`),
    h(
      'ul',
      null,
      links.map((link) => {
        const label = relationLabel(link.relation);
        return h(
          'li',
          { class: `rel-${label ? link.relation : 'unknown'}` },
          label ? h('span', { class: 'rel' }, label) : null,
          urlWithHost(String(link.href), String(link.host ?? ''), t),
          link.shown && link.shown !== link.href ? h('span', { class: 'link-shown' }, ` ${t.shown}: `, h('code', null, String(link.shown))) : null,
        );
      }),
    ),
  );
}

/** One report as an <article>; `index` keeps element ids unique when several URLs are shown. */
export function renderReport(report, lang, index) {
  const t = STRINGS[lang];
  const verdict = report.verdict;
  const headingId = `verdict-${index}`;
  const brand = report.brandName ? report.brandName[lang] : null;
  return h(
    'article',
    { class: `report verdict-${verdict}`, 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'verdict-box' },
      h('h2', { id: headingId, class: 'verdict', tabindex: '-1' }, srOnly(t.verdictPrefix), h('span', { class: 'icon', 'aria-hidden': 'true' }, VERDICT_ICON[verdict]), h('span', { class: 'verdict-label' }, t.verdict[verdict])),
      h('p', { class: 'verdict-note' }, t.verdictNote[verdict]),
      h('p', { class: 'brand' }, brand ? [t.claims, h('strong', null, brand)] : t.claimsNone),
      verdict !== 'genuine' ? h('p', { class: 'score' }, `${t.score}: ${report.score} / 100`) : null,
    ),
    report.message?.forwarded ? h('p', { class: 'note' }, t.forwarded) : null,
    summaryList(report, lang, t),
    h('section', { class: 'findings' }, h('h3', null, t.findingsHeading), report.findings.length ? h('ol', null, report.findings.map((f) => renderFinding(f, lang, t))) : h('p', null, t.noFindings)),
    report.advice.length
      ? h('section', { class: 'advice' }, h('h3', null, t.adviceHeading), h('ul', null, report.advice.map((a) => h('li', { class: `advice-${a.key}` }, withPhonesEmphasised(a[lang])))))
      : null,
    report.officialLinks.length
      ? h(
          'section',
          { class: 'official' },
          h('h3', null, t.officialHeading),
          h('ul', null, report.officialLinks.map((link) => h('li', null, link.label[lang], ': ', h('code', { class: 'url' }, link.url)))),
        )
      : null,
    authSection(report.details?.auth, lang, t),
    linksSection(report.details?.links, t),
  );
}
