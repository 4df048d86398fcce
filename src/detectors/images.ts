// Where the mail's pictures come from. A company sends its logo and banners from its own
// servers or its mailing service's; a lure made in a hurry hot-links them from public
// image-sharing sites (imgur, a tweet's media, zupimages), where anyone can upload a copied
// logo. Cloud storage and CDNs are not on the list: genuine senders use them every day.
// The site list is data (`imageSharing` in src/rules/url-reputation.yaml).
// A mail that shows a clickable picture and next to no text has put its words where filters
// and careful readers cannot search them: the picture is the message.
import type { MessageFacts } from '../message/facts.ts';
import { parseUrl } from '../message/url.ts';
import { listedZone } from '../rules/host-lists.ts';
import { urlReputationRules } from '../rules/load.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';

type Code = 'CONTENT_IMAGES_FROM_SHARING_SITE' | 'CONTENT_IMAGE_ONLY';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_IMAGES_FROM_SHARING_SITE: {
    severity: 'low',
    ja: 'メールの画像が、誰でも投稿できる画像共有サイト（{site}）から読み込まれています。企業は自社のサーバーから画像を送ります。ロゴは簡単にコピーできます。',
    en: "The mail's pictures are loaded from a public image-sharing site ({site}) where anyone can upload; companies send their images from their own servers. A logo is easy to copy.",
  },
  CONTENT_IMAGE_ONLY: {
    severity: 'low',
    ja: 'メールは画像とリンクだけで、文字がほとんどありません（{chars}文字）。文面を画像にして、迷惑メールフィルターや読み手が文字で確かめられないようにする手口です。',
    en: 'The mail is a picture and a link with next to no text ({chars} characters): the wording is inside the image, where filters and readers cannot search it.',
  },
};

/** Fewer visible characters than this (spaces aside) is "no text": a greeting and a name. */
const IMAGE_ONLY_MAX_CHARS = 40;

function imageOnly(facts: MessageFacts): Finding | undefined {
  const image = facts.images[0];
  if (!image || !facts.links.some((link) => link.source === 'a' || link.source === 'area')) return undefined;
  // Alt text counts (the HTML's visible text holds it): it is what a reader with images off sees.
  const shown = facts.htmlText ?? facts.text;
  const chars = shown.replace(/\s+/g, '').length;
  if (chars >= IMAGE_ONLY_MAX_CHARS) return undefined;
  return finding(CATALOGUE, 'CONTENT_IMAGE_ONLY', [{ kind: 'url', value: image.src, where: image.where }], { chars });
}

export const imagesDetector: Detector = {
  name: 'images',
  appliesTo: ['mail'],
  detect(facts) {
    const sites = urlReputationRules().imageSharing;
    const evidence: Evidence[] = [];
    let site: string | undefined;
    for (const image of facts.images) {
      const url = parseUrl(image.src);
      const found = url && listedZone(url.host, sites);
      if (!found) continue;
      site ??= found;
      if (evidence.length < 3) evidence.push({ kind: 'url', value: image.src, host: url.host, where: image.where });
    }
    const findings: Finding[] = [];
    if (site) findings.push(finding(CATALOGUE, 'CONTENT_IMAGES_FROM_SHARING_SITE', evidence, { site }));
    const pictureOnly = imageOnly(facts);
    if (pictureOnly) findings.push(pictureOnly);
    return findings;
  },
};
