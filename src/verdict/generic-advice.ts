// Advice for messages that claim no profiled brand: the same steps, without brand numbers.
import type { AdviceKey } from '../profile/schema.ts';
import type { Bilingual } from './finding.ts';

export const GENERIC_ADVICE: Partial<Record<AdviceKey, Bilingual>> = {
  doNotClick: {
    ja: 'メール・SMS内のリンクを開かず、ID・パスワードやカード情報を入力しないでください。',
    en: 'Do not open the links in the message and do not enter IDs, passwords or card details.',
  },
  delete: { ja: '心当たりのないメッセージは削除してください。', en: 'Delete the message if you did not expect it.' },
  contact: {
    ja: '不安な場合は、メッセージ内のリンクや電話番号ではなく、公式サイトやカード裏面の電話番号で確認してください。',
    en: 'If in doubt, check through the official website or the number on the back of your card, not the links or numbers in the message.',
  },
  passwordEntered: {
    ja: 'ID・パスワードを入力してしまった場合は、公式サイトから直ちにパスワードを変更してください。',
    en: 'If you entered an ID and password, change the password at once on the official website.',
  },
  cardEntered: {
    ja: 'カード情報を入力してしまった場合は、カード会社の紛失・盗難窓口に電話してカードを止めてください。',
    en: "If you entered card details, call your card issuer's lost/stolen desk to stop the card.",
  },
  police: {
    ja: '被害に遭った場合は、都道府県警察のフィッシング110番に相談してください。',
    en: 'If you have suffered a loss, report it to the police ("Phishing 110").',
  },
  report: {
    ja: 'フィッシングは フィッシング対策協議会（info@antiphishing.jp）へ報告できます。',
    en: 'You can report phishing to the Council of Anti-Phishing Japan (info@antiphishing.jp).',
  },
};
