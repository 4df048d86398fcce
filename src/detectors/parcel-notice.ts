// A text message that says a parcel could not be delivered and sends the member to a site of no
// company kakunin knows: the commonest fake SMS in Japan (「お荷物のお届けにあがりましたが不在の為
// 持ち帰りました」 and a throw-away domain). It names no carrier, so no brand claim makes its link
// unofficial; yet a carrier's own notice links to the carrier's site, and Japan Post, Yamato,
// Sagawa and the shops that deliver have profiles, the other carriers an entry in
// url-reputation.yaml's `carrierSites`. Texts only: a mail has a sender to judge, an
// SMS has nothing but its words and its links.
import { finalDestination, type ParsedUrl } from '../message/url.ts';
import type { Link, MessageFacts } from '../message/facts.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { relateHost } from '../brand/lookalike.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import { urlReputationRules } from '../rules/load.ts';
import { CLICKABLE_SOURCES } from './url-reputation.ts';

type Code = 'LINK_DELIVERY_UNOFFICIAL';

const CATALOGUE: Catalogue<Code> = {
  LINK_DELIVERY_UNOFFICIAL: {
    severity: 'medium',
    ja: '荷物の配達についてのメッセージですが、リンク先（{host}）は配送業者をはじめ、kakunin が知るどの企業の公式サイトでもありません。宅配業者を装った偽SMSの典型的な手口です。荷物の状況は、配送業者の公式アプリか、ブラウザで直接開いた公式サイトで確認してください。',
    en: "The message is about a parcel, but its link goes to {host}, the official site of no carrier or other company kakunin knows: the usual shape of fake delivery texts. Check the parcel in the carrier's official app, or on its site typed in yourself.",
  },
};

/** Links quoted at most, one per site. */
const MAX_EVIDENCE = 3;

/**
 * `story` is the evidence of the delivery-lure phrases (CONTENT_DELIVERY_LURE) found in a text
 * message that claims no brand; the finding quotes the links that lead to no profile's site,
 * then the story.
 */
export function parcelNoticeLinks(facts: MessageFacts, profiles: LoadedProfile[], story: Evidence[]): Finding[] {
  if (facts.kind !== 'text' || story.length === 0) return [];
  const { carrierSites } = urlReputationRules();
  const sites = new Map<string, { link: Link; dest: ParsedUrl }>();
  for (const link of facts.links) {
    const url = link.url;
    if (!url || (url.scheme !== 'http' && url.scheme !== 'https') || !CLICKABLE_SOURCES.has(link.source)) continue;
    const dest = finalDestination(url);
    // A look-alike of a brand's host has its own, stronger finding; an official one is fine, and
    // so is the site of a carrier without a profile.
    if (relateHost(dest, profiles)) continue;
    const site = dest.domain ?? dest.host;
    if (carrierSites.has(site)) continue;
    if (!sites.has(site) && sites.size < MAX_EVIDENCE) sites.set(site, { link, dest });
  }
  if (sites.size === 0) return [];
  const links: Evidence[] = [...sites.values()].map(({ link, dest }) => ({ kind: 'link', value: link.raw, host: dest.unicodeHost || dest.host, where: link.where }));
  const first = links[0]!;
  return [finding(CATALOGUE, 'LINK_DELIVERY_UNOFFICIAL', [...links, ...story], { host: first.host! })];
}
