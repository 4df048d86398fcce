// The `kakunin` command: argument parsing, reading inputs, printing reports. All file and
// terminal I/O of the CLI lives here and in scan.ts; the engine itself never touches them.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createEngine, InputError, type Engine, type EngineOptions, type Report } from '../engine.ts';
import { loadProfiles, ProfileError } from '../profile/loader.ts';
import { loadWeights } from '../verdict/weights.ts';
import type { Limits } from '../limits.ts';
import { parseRecordedDns, RecordedDnsError } from '../auth/dns.ts';
import { loadTrustAnchorFile, TrustAnchorError } from '../auth/trust.ts';
import { looksLikeMail } from '../message/mail.ts';
import { parseUrl } from '../message/url.ts';
import { EXIT_FOR_LABEL, EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE } from './exit-codes.ts';
import { formatReport, type Lang } from './format.ts';
import { scanCommand } from './scan.ts';

const USAGE = `kakunin — does this mail, SMS or link really come from the brand it claims?

Usage:
  kakunin check FILE|- ... [--format auto|eml|text] [--json] [--lang ja|en]
  kakunin url URL ...      [--json] [--lang ja|en]
  kakunin scan PATH        [--json]   (a directory of .eml files, an mbox, or a Maildir)
  kakunin sign --cert CERT.pem --key KEY.pem [--chain CHAIN.pem] IN.eml > OUT.eml
  kakunin serve [--host H] [--port N]

Options for check, url and scan:
  --profile FILE         add or override a brand profile (YAML/JSON); repeatable
  --weights FILE         override finding weights (YAML: CODE: points)
  --json                 one JSON object per input, one per line (NDJSON)
  --lang ja|en           language of human output (default ja)
  --now TIME             clock for certificate validity (ISO 8601)
  --trust-anchor FILE    extra S/MIME trust anchor (PEM); repeatable
  --dns FILE             recorded DNS answers (JSON); no network lookups
  --ip IP --helo NAME    connecting IP and HELO for SPF (default: from Received)
  --trusted-hops N       Received headers added by the receiving side (default 1)
  --auth-serv-id ID      trust Authentication-Results from this host only
  --max-message-bytes N, --max-links N, --max-attachments N, --max-mime-depth N, --max-ms N
                         limits on the work per message

Exit codes: 0 genuine, 1 unverified, 2 suspicious, 3 phishing (the worst over all inputs),
            64 usage error, 65 an input could not be judged, 70 internal error.`;

const OPTIONS = {
  format: { type: 'string', default: 'auto' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'ja' },
  profile: { type: 'string', multiple: true, default: [] },
  weights: { type: 'string' },
  now: { type: 'string' },
  'trust-anchor': { type: 'string', multiple: true, default: [] },
  dns: { type: 'string' },
  ip: { type: 'string' },
  helo: { type: 'string' },
  'trusted-hops': { type: 'string' },
  'auth-serv-id': { type: 'string' },
  'max-message-bytes': { type: 'string' },
  'max-links': { type: 'string' },
  'max-attachments': { type: 'string' },
  'max-mime-depth': { type: 'string' },
  'max-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export type CommonOptions = { json: boolean; lang: Lang; color: boolean };

class UsageError extends Error {}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  // Safe integers only: "99999999999999999999" became 1e20 and silently lifted the limit.
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--${flag} needs a whole number, got "${value}"`);
  return Number(value);
}

/** A bad --weights file is a usage error (64), not an internal error (70) as it was. */
function weightsFile(path: string | undefined) {
  try {
    return loadWeights(path);
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(path && message.includes(path) ? message : `--weights ${path}: ${message}`);
  }
}

function readOptionFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--${flag} ${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function engineFrom(values: ReturnType<typeof parse>['values']): Engine {
  const limits: Partial<Limits> = {
    maxMessageBytes: integer(values['max-message-bytes'], 'max-message-bytes'),
    maxLinks: integer(values['max-links'], 'max-links'),
    maxAttachments: integer(values['max-attachments'], 'max-attachments'),
    maxMimeDepth: integer(values['max-mime-depth'], 'max-mime-depth'),
    maxMillis: integer(values['max-ms'], 'max-ms'),
  };
  let now: Date | undefined;
  if (values.now) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now needs an ISO 8601 time, got "${values.now}"`);
  }
  // Load anchors now: a missing or broken file is a usage error, not a surprise on the first signed mail.
  for (const file of values['trust-anchor']) loadTrustAnchorFile(file);
  const options: EngineOptions = {
    profiles: loadProfiles(values.profile),
    weights: weightsFile(values.weights),
    limits,
    now,
    auth: {
      trustAnchorFiles: values['trust-anchor'],
      dns: values.dns ? parseRecordedDns(readOptionFile(values.dns, 'dns'), values.dns) : undefined,
      ip: values.ip,
      helo: values.helo,
      trustedHops: integer(values['trusted-hops'], 'trusted-hops'),
      trustedAuthServId: values['auth-serv-id'],
    },
  };
  try {
    return createEngine(options);
  } catch (error) {
    // resolveLimits refuses bad limit values with a RangeError: that is a usage error. Only
    // here — a RangeError thrown while judging is a bug and must not pass for exit 64.
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
}

function readInput(name: string): Buffer {
  try {
    return name === '-' ? readFileSync(0) : readFileSync(name);
  } catch (error) {
    throw new InputError('unreadable', `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Prints one report (or error) for an input and returns its exit code. */
export function emit(result: { report?: Report; error?: InputError; name: Record<string, string> }, common: CommonOptions): number {
  if (result.error) {
    if (common.json) process.stdout.write(`${JSON.stringify({ ...result.name, error: result.error.message, code: result.error.code })}\n`);
    else process.stderr.write(`${Object.values(result.name)[0]}: ${result.error.message}\n`);
    return EXIT_INPUT;
  }
  const report = { ...result.name, ...result.report! };
  if (common.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${formatReport(report, common.lang, common.color)}\n\n`);
  return EXIT_FOR_LABEL[report.verdict];
}

function combine(codes: number[]): number {
  if (codes.includes(EXIT_INPUT)) return EXIT_INPUT;
  return codes.length ? Math.max(...codes) : 0;
}

async function judgeOne(engine: Engine, bytes: Buffer, format: string): Promise<Report> {
  const asText = format === 'text' || (format === 'auto' && !looksLikeMail(bytes) && !bytes.subarray(0, 8192).includes(0));
  if (!asText) return engine.checkMail(bytes);
  const text = bytes.toString('utf8');
  if (!text.trim()) throw new InputError('empty', 'the input is empty');
  return engine.checkText(text);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await (await import('../server/command.ts')).serveCommand(rest);
    if (command === 'sign') return await (await import('../auth/sign-command.ts')).signCommand(rest);
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : EXIT_USAGE;
    }
    if (!['check', 'url', 'scan'].includes(command)) throw new UsageError(`unknown command "${command}"`);
    const { values, positionals } = parse(rest);
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.lang !== 'ja' && values.lang !== 'en') throw new UsageError('--lang must be ja or en');
    if (!['auto', 'eml', 'text'].includes(values.format)) throw new UsageError('--format must be auto, eml or text');
    const common: CommonOptions = { json: values.json, lang: values.lang, color: !values.json && !!process.stdout.isTTY && !process.env.NO_COLOR };
    if (positionals.length === 0) throw new UsageError(`${command} needs at least one input`);
    const engine = engineFrom(values);
    switch (command) {
      case 'check': {
        const codes: number[] = [];
        for (const name of positionals) {
          try {
            const report = await judgeOne(engine, readInput(name), values.format);
            codes.push(emit({ report, name: { file: name } }, common));
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            codes.push(emit({ error, name: { file: name } }, common));
          }
        }
        return combine(codes);
      }
      case 'url': {
        const codes: number[] = [];
        for (const url of positionals) {
          // The engine judges any string (an unparseable one yields "unverified" with no
          // finding); on the command line a typo deserves an error line and exit 65 instead.
          if (!parseUrl(url)) {
            codes.push(emit({ error: new InputError('not-a-url', `"${url}" is not a URL a browser would open`), name: { url } }, common));
            continue;
          }
          codes.push(emit({ report: await engine.checkUrl(url), name: { url } }, common));
        }
        return combine(codes);
      }
      case 'scan':
        if (positionals.length !== 1) throw new UsageError('scan takes exactly one PATH');
        return await scanCommand(engine, positionals[0]!, common);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`kakunin: ${(error as Error).message}\nRun "kakunin help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ProfileError || error instanceof RecordedDnsError || error instanceof TrustAnchorError) {
      process.stderr.write(`kakunin: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      process.stderr.write(`kakunin: ${error.message}\n`);
      return EXIT_INPUT;
    }
    process.stderr.write(`kakunin: internal error: ${(error as Error).message}\n`);
    return EXIT_INTERNAL;
  }
}
