// The detectors the engine runs, in order. Cheap, decisive checks first: the engine stops
// between detectors when a message has spent its time budget. The limits detector comes last,
// so that it also reports the checks the budget cut.
import type { Detector } from './detector.ts';
import { limitsDetector } from './limits.ts';
import { senderDetector } from './sender.ts';
import { linksDetector } from './links.ts';
import { urlReputationDetector } from './url-reputation.ts';
import { contentDetector } from './content.ts';
import { recipientDetector } from './recipient.ts';
import { contactElsewhereDetector } from './contact-elsewhere.ts';
import { imagesDetector } from './images.ts';
import { phonesDetector } from './phones.ts';
import { attachmentsDetector } from './attachments.ts';
import { smimeDetector } from './smime.ts';
import { mailAuthDetector } from './mail-auth.ts';

export const DETECTORS: Detector[] = [senderDetector, linksDetector, urlReputationDetector, contentDetector, recipientDetector, contactElsewhereDetector, imagesDetector, phonesDetector, attachmentsDetector, smimeDetector, mailAuthDetector, limitsDetector];
