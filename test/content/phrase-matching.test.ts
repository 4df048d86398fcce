// The phrase matcher's shortcuts must never change a result: the literals a pattern is said to
// need must be in every text it matches, narrowing a rule to the alternatives whose literals a
// text holds must find the same spans, and the matching key must map back to the original.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiteralIndex, requiredLiterals } from '../../src/rules/literals.ts';
import { compileAlternatives, findSpans, matcherLiterals, toMatchText } from '../../src/rules/match.ts';
import { redFlagRules } from '../../src/rules/load.ts';
import { fc, runs } from '../helpers/property.ts';

describe('required literals of a pattern', () => {
  it('reads optional parts, alternatives and repetitions', () => {
    assert.deepEqual(requiredLiterals('\\b(unusual|suspicious) (sign-?in|log-?in)s?\\b'), ['unusual', 'suspicious']);
    assert.deepEqual(requiredLiterals('(ご)?利用(の)?確認'), ['ご利用の確認', 'ご利用確認', '利用の確認', '利用確認']);
    assert.deepEqual(requiredLiterals('\\d+\\s*(時間|日)以内に'), ['時間以内に', '日以内に']);
    assert.deepEqual(requiredLiterals('(ab)+c'), ['ab']);
    assert.deepEqual(requiredLiterals('[abc]def|gh'), ['def', 'gh']);
  });

  it('lower-cases Latin letters, as the matching key is', () => {
    assert.deepEqual(requiredLiterals('\\bPayPal\\b'), ['paypal']);
  });

  it('promises nothing for what may match anything, and for syntax it does not read', () => {
    assert.equal(requiredLiterals('ab|c?'), undefined);
    assert.equal(requiredLiterals('[a-z]+'), undefined);
    assert.equal(requiredLiterals('(?<word>x)\\k<word>'), undefined);
    assert.equal(requiredLiterals('\\u0041bc'), undefined);
    assert.equal(requiredLiterals('(x)\\1'), undefined);
    // Letters whose case variants are other characters are not taken as literals.
    assert.deepEqual(requiredLiterals('straße'), ['stra']);
  });

  it('never names a literal that a match can lack (random patterns and texts)', () => {
    const atom = fc.constantFrom('a', 'b', 'ab', 'ba', 'x', 'ー', 'の', '\\b', '\\s', '\\d', '.', '[ab]', '[^a]', ' ', '\\.', '-');
    const pattern = fc.letrec((tie) => ({
      term: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.tuple(tie('alternation'), fc.constantFrom('', '?', '*', '+', '{2}', '{1,3}', '{0,2}', '??')).map(([inner, q]) => `(${inner})${q}`),
        tie('alternation').map((inner) => `(?:${inner})`),
        tie('alternation').map((inner) => `(?=${inner})`),
      ),
      sequence: fc.array(tie('term'), { minLength: 0, maxLength: 4 }).map((terms) => terms.join('')),
      alternation: fc.array(tie('sequence'), { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|')),
    })).alternation as fc.Arbitrary<string>;
    const text = fc.array(fc.constantFrom('a', 'b', 'x', 'ー', 'の', ' ', '1', '.', '-'), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 8 }), (source, texts) => {
        const literals = requiredLiterals(source);
        if (!literals) return;
        assert.ok(literals.length > 0 && literals.every((l) => l.length > 0));
        const regex = new RegExp(source, 'gi');
        for (const t of texts) {
          for (const match of t.matchAll(regex)) {
            assert.ok(literals.some((l) => match[0].includes(l)), `${source} matched "${match[0]}" without any of ${JSON.stringify(literals)}`);
          }
        }
      }),
      runs(300),
    );
  });
});

describe('literal index', () => {
  it('finds exactly the literals a text contains, of every length, at the ends too', () => {
    const literals = ['〒', 'id', 'ab', 'abc', 'bcd', 'めーる', 'x'];
    const index = new LiteralIndex(literals);
    for (const text of ['', 'a', 'abcd', 'xid', '〒めーる', 'abab', 'cd id', 'めー']) {
      assert.deepEqual([...index.find(text)].sort(), literals.filter((l) => text.includes(l)).sort(), text);
    }
  });
});

describe('narrowed rule matching', () => {
  it('finds the same spans as the whole rule expression on texts that hold some literals', () => {
    const words = fc.constantFrom('your', 'account', 'has been', 'suspended', 'urgent', 'ご利用', '確認', 'の', 'お願い', 'verify', 'password', ' ', '。', 'within 24 hours', '【重要】', 'カード');
    const text = fc.array(words, { maxLength: 12 }).map((w) => toMatchText(w.join(' ')));
    const rules = redFlagRules();
    const index = new LiteralIndex(rules.flatMap((rule) => (rule.matcher ? matcherLiterals(rule.matcher) : [])));
    fc.assert(
      fc.property(text, (matchText) => {
        const found = index.find(matchText.key);
        const everything = new Set(rules.flatMap((rule) => (rule.matcher ? matcherLiterals(rule.matcher) : [])));
        for (const rule of rules) {
          if (!rule.matcher) continue;
          assert.deepEqual(findSpans(matchText, found, rule.matcher, rule.negation), findSpans(matchText, everything, rule.matcher, rule.negation), rule.code);
        }
      }),
      runs(200),
    );
  });

  it('keeps alternatives whose literals are unknown', () => {
    const matcher = compileAlternatives(['\\d{3}', 'zebra'])!;
    const spans = findSpans(toMatchText('Call 555 now'), new Set(), matcher, undefined);
    assert.deepEqual(spans.map((s) => s.text), ['555']);
  });
});

describe('matching key', () => {
  it('folds case, width, kana and separators, and maps every key character back', () => {
    const text = toMatchText('Unusual_ACTIVITY  on\nyour ｱｶｳﾝﾄ:  カ一ド');
    assert.equal(text.key, 'unusual activity on your あかうんと: かーど');
    assert.equal(text.origin.length, text.key.length + 1);
    assert.equal(text.original.slice(text.origin[0]!, text.origin[7]!), 'Unusual');
    assert.equal(text.origin.at(-1), text.original.length);
  });

  it('reads a hyphen between katakana as the long-vowel mark, elsewhere as a hyphen', () => {
    assert.equal(toMatchText('カ-ド e-mail').key, 'かーど e-mail');
  });

  it('reads a kanji drawn like katakana as that katakana inside a katakana word, and as a kanji in a kanji word', () => {
    const read = (text: string) => toMatchText(text).key;
    assert.equal(read('ア力ウントを口グイン後に確認'), 'あかうんとをろぐいん後に確認');
    assert.equal(read('力ード番号、メ一ル、セキュリテイ工リア'), 'かーど番号、めーる、せきゅりていえりあ');
    // After a kanji, or before a kanji, it is one: 入力, 電力, 一ツ橋, 口座, 一時.
    assert.equal(read('入力フォーム、東京電力エナジー、一ツ橋、カード口座、カード一時停止'), '入力ふぉーむ、東京電力えなじー、一つ橋、かーど口座、かーど一時停止');
  });

  it('reads Cyrillic and Greek letters inside a Latin word as the Latin letters they show, and leaves Russian and Greek words alone', () => {
    // Kееріng уоur ассоunt: Cyrillic е е р і у о а с с о; the evidence is still the text as sent.
    const text = toMatchText('Kееріng уоur ассоunt. Привет, мир. Αθήνα');
    assert.equal(text.key, 'keeping your account. привет, мир. αθήνα');
    const matcher = compileAlternatives(['your account'])!;
    const [span] = findSpans(text, new Set(matcherLiterals(matcher)), matcher, undefined);
    assert.equal(span?.text, 'уоur ассоunt');
  });
});

describe('phrase rules on disguised words', () => {
  it('finds a lure written in Latin words salted with Cyrillic letters', async () => {
    const { textCodes } = await import('./helpers.ts');
    const found = (text: string) => textCodes(`${text} https://example.test/login`);
    const plain = await found('Your account has been suspended. Verify your identity now.');
    const disguised = await found('Yоur ассоunt hаs bееn ѕuѕреndеd. Vеrіfу уоur іdеntіtу nоw.');
    assert.ok(plain.includes('CONTENT_ACCOUNT_VERIFY') && plain.includes('CONTENT_ACCOUNT_STOPPED'), plain.join());
    // Everything the plain text says, and the disguise itself on top.
    assert.deepEqual(disguised.filter((code) => code !== 'CONTENT_MIXED_SCRIPT'), plain);
    assert.ok(disguised.includes('CONTENT_MIXED_SCRIPT'), disguised.join());
  });
});
