// The page's behaviour: read what the member pasted or dropped, send it to this server's API
// (the only place anything is sent), show the result, and switch language. The last answer
// is kept in memory so switching language re-renders it without asking again.
import { classify } from './classify.js';
import { applyStrings, initialLang, rememberLang, STRINGS } from './i18n.js';
import { h, renderReport } from './render.js';

const form = document.getElementById('check-form');
const paste = document.getElementById('paste');
const fileInput = document.getElementById('file');
const fileName = document.getElementById('file-name');
const fileClear = document.getElementById('file-clear');
const drop = document.getElementById('drop');
const submit = document.getElementById('check');
const status = document.getElementById('status');
const result = document.getElementById('result');
const langButton = document.getElementById('lang');

let lang = initialLang();
/** What is on screen: { reports, notice? } or { error: {code, message} }, re-rendered on language switch. */
let shown = null;
/** A file dropped on the box (a DataTransfer file cannot always be put into the input). */
let droppedFile = null;

function t() {
  return STRINGS[lang];
}

function chosenFile() {
  return droppedFile ?? fileInput.files?.[0] ?? null;
}

function showFile() {
  const file = chosenFile();
  fileName.textContent = file ? `${t().fileChosen}${file.name}` : '';
  fileClear.hidden = !file;
}

function setLang(next) {
  lang = next;
  rememberLang(lang);
  applyStrings(document, lang);
  langButton.setAttribute('lang', lang === 'ja' ? 'en' : 'ja');
  showFile();
  if (shown) render(false);
}

function render(focus) {
  result.replaceChildren();
  if (shown.error) {
    const text = t().errors[shown.error.code] ?? shown.error.message;
    result.append(h('div', { class: 'error', role: 'alert' }, h('h2', { id: 'error-heading', tabindex: '-1' }, t().error), h('p', null, text)));
  } else {
    shown.reports.forEach((report, i) => result.append(renderReport(report, lang, i)));
    if (shown.notice) result.prepend(h('p', { class: 'note' }, t()[shown.notice]));
  }
  result.append(h('p', { class: 'again' }, h('button', { type: 'button', class: 'secondary', id: 'again' }, t().again)));
  result.hidden = false;
  if (focus) result.querySelector('h2')?.focus();
}

async function post(path, body, contentType) {
  const headers = contentType ? { 'content-type': contentType } : {};
  let response;
  try {
    response = await fetch(path, { method: 'POST', body, headers, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { error: { code: 'network', message: 'network error' } };
  }
  const data = await response.json().catch(() => null);
  if (!response.ok || !data) return { error: data?.error ?? { code: 'internal', message: `HTTP ${response.status}` } };
  return { data };
}

/** Sends the input to the API and returns what to show. */
async function check() {
  const file = chosenFile();
  if (file) {
    const body = new FormData();
    body.append('file', file, file.name);
    const { data, error } = await post('/api/v1/check', body);
    return error ? { error } : { reports: [data] };
  }
  const text = paste.value;
  if (!text.trim()) return { error: { code: 'empty', message: '' } };
  const what = classify(text);
  if (what.kind === 'url') {
    const { data, error } = await post('/api/v1/url', JSON.stringify({ urls: what.urls }), 'application/json');
    return error ? { error } : { reports: data.results };
  }
  if (what.kind === 'mail') {
    const { data, error } = await post('/api/v1/check', text, 'message/rfc822');
    if (!error) return { reports: [data] };
    // Looked like headers but is not a mail: judge it as text rather than give up.
    if (error.code !== 'not-a-mail' && error.code !== 'unparseable') return { error };
    const retry = await post('/api/v1/check', text, 'text/plain; charset=utf-8');
    return retry.error ? { error: retry.error } : { reports: [retry.data], notice: 'checkedAsText' };
  }
  const { data, error } = await post('/api/v1/check', text, 'text/plain; charset=utf-8');
  return error ? { error } : { reports: [data] };
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  status.textContent = t().checking;
  // The last verdict or error belongs to the last input: never show it beside the new one.
  shown = null;
  result.hidden = true;
  result.replaceChildren();
  try {
    shown = await check();
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
    status.textContent = '';
  }
  render(true);
});

form.addEventListener('reset', () => {
  droppedFile = null;
  shown = null;
  result.hidden = true;
  result.replaceChildren();
  queueMicrotask(showFile);
});

result.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.id === 'again') {
    form.reset();
    paste.focus();
  }
});

fileInput.addEventListener('change', () => {
  droppedFile = null;
  showFile();
});

fileClear.addEventListener('click', () => {
  droppedFile = null;
  fileInput.value = '';
  showFile();
  fileInput.focus();
});

// Dropping a file anywhere on the page must not make the browser open it (and render its HTML).
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (event) => {
    if (event.dataTransfer?.types?.includes('Files')) event.preventDefault();
  });
}
drop.addEventListener('dragover', () => drop.classList.add('dragging'));
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (event) => {
  drop.classList.remove('dragging');
  const file = event.dataTransfer?.files?.[0];
  if (!file) return;
  droppedFile = file;
  showFile();
});

langButton.addEventListener('click', () => setLang(lang === 'ja' ? 'en' : 'ja'));

setLang(lang);
