// Security headers on every response. The page runs only its own script and style files,
// talks only to this server and may not be framed; API answers may load nothing at all.
// Pasted mails are hostile: even if a bug let their markup into the page, this policy keeps
// it from running script, loading images that track, or sending anything elsewhere.
import type { FastifyReply } from 'fastify';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COMMON: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-permitted-cross-domain-policies': 'none',
};

export function setSecurityHeaders(reply: FastifyReply, csp: string = API_CSP): void {
  reply.headers(COMMON);
  reply.header('content-security-policy', csp);
}
