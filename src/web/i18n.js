// Every fixed string of the page in Japanese (the default) and English. Texts that come with a
// report (findings, advice, labels of official links) are bilingual in the report itself.
// Elements carry `data-i18n="key"`; `applyStrings` fills them, so the page switches language
// without a reload and without re-asking the server.

export const STRINGS = {
  ja: {
    title: 'そのメール、本物？ — kakunin',
    tagline: 'メール・SMS・URLがエムアイカードなどの本物から来たものか確認します',
    skip: '入力欄へ移動',
    langSwitch: 'English',
    langSwitchLabel: 'Switch to English',
    inputHeading: '確認したいメール・SMS・URL',
    pasteLabel: 'メールのソースまたは本文、SMS、URLを貼り付けてください',
    pasteHint: 'メールは「ソース（原文）」を貼り付けると、送信元まで詳しく確認できます。本文だけでも確認できます。',
    pastePlaceholder: '例）【重要】エムアイカード ご利用確認のお願い…',
    fileLabel: '.eml ファイルを選ぶ',
    fileHint: 'メールを保存した .eml ファイル（転送されたメールを含む）を選ぶか、この枠にドロップしてください。',
    fileChosen: '選んだファイル：',
    fileClear: 'ファイルを外す',
    check: '確認する',
    clear: 'クリア',
    checking: '確認しています…',
    privacy: '貼り付けた内容はこのサーバーで判定するだけで、他には送られず、保存もされません。結果の中のリンクは文字として表示しており、開けません。',
    howHeading: 'メールのソース（原文）の出し方',
    howGmail: 'Gmail（パソコン）：メールを開き「⋮（その他）」→「メッセージのソースを表示」→「クリップボードにコピー」。「メッセージをダウンロード」で .eml ファイルにもできます。',
    howGmailApp: 'Gmail（スマートフォンのアプリ）：ソースは表示できません。本文を長押ししてコピーし、貼り付けてください。',
    howOutlook: 'Outlook（Web版・新しいOutlook）：メールを開き「…（その他の操作）」→「表示」→「メッセージのソースを表示」。',
    howIphone: 'iPhone・iPad の「メール」：ソースは表示できません。本文をコピーして貼り付けるか、パソコンでメールを開いてソースを取り出してください。',
    howMac: 'Mac の「メール」：メッセージを選び「表示」→「メッセージ」→「ソース」。デスクトップにドラッグすると .eml ファイルになります。',
    howThunderbird: 'Thunderbird：メッセージを選び「表示」→「メッセージのソース」（Ctrl+U）。「名前を付けて保存」で .eml ファイルになります。',
    howForward: '家族などから転送してもらう場合は「添付ファイルとして転送」してもらい、その .eml ファイルを選んでください。',
    howSms: 'SMS：メッセージを長押しして「コピー」し、そのまま貼り付けてください。',
    resultHeading: '判定結果',
    verdictPrefix: '判定結果：',
    verdict: {
      genuine: '本物',
      unverified: '判断できません',
      suspicious: '注意',
      phishing: 'フィッシングの可能性が高い',
    },
    verdictNote: {
      genuine: '発信元の電子署名などで、本物であることが確認できました。',
      unverified: '偽物の特徴は見つかりませんでしたが、本物であるという証明もありません。',
      suspicious: '偽物の可能性がある点が見つかりました。リンクや電話番号は使わないでください。',
      phishing: '偽物（フィッシング）の特徴が見つかりました。リンクを開かないでください。',
    },
    claims: '名乗っている発信元：',
    claimsNone: '特定の会社を名乗っていません',
    score: '危険度',
    kindLabel: '確認した内容：',
    kind: { mail: 'メール', text: 'SMS・本文', url: 'URL' },
    forwarded: '転送されたメールの中の元のメールを確認しました。',
    from: '差出人',
    subject: '件名',
    date: '日時',
    fileName: 'ファイル',
    url: 'URL',
    findingsHeading: 'そう判断した理由',
    noFindings: '特に問題となる点は見つかりませんでした。',
    severity: { critical: '重大', high: '高', medium: '中', low: '低', info: '参考' },
    shown: '表示されている文字',
    realTarget: '実際の行き先',
    realHost: '本当のホスト',
    where: '場所',
    whereNames: { html: 'HTML本文', text: '本文', subject: '件名', input: '入力', From: '差出人（From）', 'forwarding mail': '転送・添付してきたメールの本文' },
    adviceHeading: 'どうすればいい？',
    officialHeading: '公式の確認先（ご自分でアドレスを入力するか、ブックマークから開いてください）',
    authHeading: '電子署名・送信元の認証',
    smime: 'S/MIME電子署名',
    smimeState: { valid: '有効（改ざんなし・信頼できる認証局）', invalid: '確認できません', none: '署名なし', encrypted: '暗号化されたメール（署名は確認できません）' },
    signer: '署名者',
    issuer: '発行元（認証局）',
    signedAt: '署名日時',
    trustAnchor: 'ルート証明書',
    aligned: '差出人のドメインと一致',
    results: { pass: '合格', fail: '不合格', none: 'なし', neutral: '判定なし', softfail: '弱い不合格', temperror: '一時的に確認できず', permerror: '設定の誤り', policy: 'ポリシー' },
    linksHeading: 'メール内のリンク',
    relation: { official: '公式', related: '関連会社' , impersonating: 'なりすまし' },
    again: '別のメッセージを確認する',
    checkedAsText: 'メールのソースとしては読めなかったため、本文として確認しました。',
    error: '確認できませんでした',
    errors: {
      empty: '何も入力されていません。メールやSMSを貼り付けるか、ファイルを選んでください。',
      'too-large': '大きすぎるため確認できません。本文だけを貼り付けてみてください。',
      'not-a-mail': 'メールのファイルとして読めませんでした。メールを保存した .eml ファイルを選ぶか、本文を貼り付けてください。',
      unparseable: 'メールのファイルとして読めませんでした。本文を貼り付けてみてください。',
      binary: 'メールのファイルではないようです。.eml ファイルを選んでください。',
      'rate-limited': '短い時間に多くの確認が行われました。少し待ってからもう一度お試しください。',
      timeout: '確認に時間がかかりすぎました。もう一度お試しください。',
      busy: 'ただいま混み合っています。少し待ってからもう一度お試しください。',
      closing: 'サーバーが再起動中です。少し待ってからもう一度お試しください。',
      network: 'サーバーに接続できませんでした。通信状況を確認してもう一度お試しください。',
      'unsupported-media-type': 'この形式のデータは確認できません。',
      internal: 'サーバーで問題が起きました。しばらくしてからお試しください。',
    },
  },
  en: {
    title: 'Is this message genuine? — kakunin',
    tagline: 'Checks whether a mail, an SMS or a link really comes from MI Card or another brand it claims',
    skip: 'Skip to the input',
    langSwitch: '日本語',
    langSwitchLabel: '日本語に切り替え',
    inputHeading: 'The mail, SMS or link to check',
    pasteLabel: "Paste a mail's source or text, an SMS, or a link",
    pasteHint: "Pasting the mail's source (original) lets the sender be checked too. The text alone works as well.",
    pastePlaceholder: 'e.g. [Important] Please confirm your MI Card usage…',
    fileLabel: 'Choose an .eml file',
    fileHint: 'Choose a saved mail (.eml, forwarded mails included) or drop it on this box.',
    fileChosen: 'Chosen file: ',
    fileClear: 'Remove the file',
    check: 'Check',
    clear: 'Clear',
    checking: 'Checking…',
    privacy: 'What you paste is only judged by this server: it is not sent anywhere else and not stored. Links in the result are shown as text and cannot be opened.',
    howHeading: "How to get a mail's source (original)",
    howGmail: 'Gmail (computer): open the mail, ⋮ (More) → "Show original" → "Copy to clipboard". "Download original" saves an .eml file.',
    howGmailApp: 'Gmail app (phone): the source cannot be shown. Long-press the text, copy it and paste it here.',
    howOutlook: 'Outlook (web, new Outlook): open the mail, … (More actions) → "View" → "View message source".',
    howIphone: 'iPhone/iPad Mail: the source cannot be shown. Copy the text and paste it, or open the mail on a computer to get the source.',
    howMac: 'Mac Mail: select the message, View → Message → Raw Source. Dragging it to the desktop saves an .eml file.',
    howThunderbird: 'Thunderbird: select the message, View → Message Source (Ctrl+U). "Save As" saves an .eml file.',
    howForward: 'If someone forwards the mail to you, ask them to "forward as attachment" and choose that .eml file.',
    howSms: 'SMS: long-press the message, tap Copy and paste it here.',
    resultHeading: 'Result',
    verdictPrefix: 'Verdict: ',
    verdict: {
      genuine: 'Genuine',
      unverified: 'Cannot tell',
      suspicious: 'Be careful',
      phishing: 'Likely phishing',
    },
    verdictNote: {
      genuine: "The sender's digital signature or mail authentication proves it is genuine.",
      unverified: 'No sign of a fake was found, but nothing proves it is genuine either.',
      suspicious: 'Some signs of a fake were found. Do not use its links or phone numbers.',
      phishing: 'Signs of phishing were found. Do not open its links.',
    },
    claims: 'Claims to be from: ',
    claimsNone: 'It does not claim a particular company',
    score: 'Risk',
    kindLabel: 'Checked as: ',
    kind: { mail: 'mail', text: 'SMS / text', url: 'link' },
    forwarded: 'The original mail inside the forwarded one was checked.',
    from: 'From',
    subject: 'Subject',
    date: 'Date',
    fileName: 'File',
    url: 'URL',
    findingsHeading: 'Why',
    noFindings: 'Nothing of concern was found.',
    severity: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'note' },
    shown: 'Text shown',
    realTarget: 'Really goes to',
    realHost: 'Real host',
    where: 'Where',
    whereNames: { html: 'HTML body', text: 'text', subject: 'subject', input: 'input', From: 'From', 'forwarding mail': 'the mail that forwarded it' },
    adviceHeading: 'What to do',
    officialHeading: 'Official places to check (type the address yourself or use a bookmark)',
    authHeading: 'Signature and sender authentication',
    smime: 'S/MIME signature',
    smimeState: { valid: 'valid (unaltered, trusted CA)', invalid: 'could not be confirmed', none: 'not signed', encrypted: 'encrypted mail (signature cannot be checked)' },
    signer: 'Signer',
    issuer: 'Issuer (CA)',
    signedAt: 'Signed at',
    trustAnchor: 'Root certificate',
    aligned: 'matches the sender domain',
    results: { pass: 'pass', fail: 'fail', none: 'none', neutral: 'neutral', softfail: 'softfail', temperror: 'could not be checked now', permerror: 'misconfigured', policy: 'policy' },
    linksHeading: 'Links in the message',
    relation: { official: 'official', related: 'group company', impersonating: 'impersonation' },
    again: 'Check another message',
    checkedAsText: 'This could not be read as a mail source, so it was checked as text.',
    error: 'Could not check',
    errors: {
      empty: 'Nothing was entered. Paste a mail or SMS, or choose a file.',
      'too-large': 'Too large to check. Try pasting only the text.',
      'not-a-mail': 'This could not be read as a mail file. Choose a saved .eml mail, or paste the text.',
      unparseable: 'This could not be read as a mail file. Try pasting the text.',
      binary: 'This does not look like a mail file. Choose an .eml file.',
      'rate-limited': 'Too many checks in a short time. Wait a moment and try again.',
      timeout: 'The check took too long. Please try again.',
      busy: 'The server is busy. Wait a moment and try again.',
      closing: 'The server is restarting. Wait a moment and try again.',
      network: 'Could not reach the server. Check your connection and try again.',
      'unsupported-media-type': 'This kind of data cannot be checked.',
      internal: 'Something went wrong on the server. Please try again later.',
    },
  },
};

const STORAGE_KEY = 'kakunin.lang';

export function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled (private mode); Japanese is the default anyway.
  }
  return 'ja';
}

export function rememberLang(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is harmless.
  }
}

/** Fills every `[data-i18n]` element (and `data-i18n-placeholder` / `data-i18n-label` attributes). */
export function applyStrings(root, lang) {
  const strings = STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = strings.title;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = strings[el.dataset.i18n];
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = strings[el.dataset.i18nPlaceholder];
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', strings[el.dataset.i18nLabel]);
}
