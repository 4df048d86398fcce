// Reports what was not examined. A message that forced us to stop reading is itself a signal
// (10,000 parts or 100,000 links are not how a card issuer writes), and the reader must know
// the verdict rests on part of the message. The limits are public: a trap placed past them
// (a link after five million characters of padding) is the reason to stop, not to look away,
// so a cut message is at least suspicious.
import { finding, type Catalogue } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';

const CATALOGUE: Catalogue<'LIMIT_TRUNCATED'> = {
  LIMIT_TRUNCATED: {
    severity: 'medium',
    ja: 'メッセージが大きすぎるため、一部のみを確認しました：{what}。確認できなかった部分に罠が隠れているおそれがあります。',
    en: 'The message is too large; only part of it was checked: {what}. What could not be checked may hide a trap.',
  },
};

export const limitsDetector: Detector = {
  name: 'limits',
  alwaysRuns: true,
  detect(facts) {
    return facts.truncated.map((what) => finding(CATALOGUE, 'LIMIT_TRUNCATED', [{ kind: 'limit', value: what }], { what }));
  },
};
