// `kakunin sign --cert CERT --key KEY [--chain PEM]... IN.eml|- > OUT.eml`: the issuer's side
// of S/MIME. Exit codes follow sysexits like the rest of the CLI: 64 for a wrong command line,
// 65 for input that cannot be signed (unreadable files, a key that does not fit the certificate).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_INPUT, EXIT_USAGE } from '../cli/exit-codes.ts';
import { CertificateError } from './certificate.ts';
import { SignError, signMail } from './smime-sign.ts';

export const SIGN_USAGE = `usage: kakunin sign --cert CERT.pem --key KEY.pem [--chain CHAIN.pem]... IN.eml|- > OUT.eml

Signs a mail with S/MIME (multipart/signed, SHA-256) and writes it to standard output.
  --cert FILE    signer certificate (PEM or DER); extra PEM blocks are included as the chain
  --key FILE     the certificate's private key (PEM or DER, not encrypted)
  --chain FILE   intermediate certificates to include (PEM), repeatable
  IN.eml         the mail to sign, or - for standard input`;

export type SignIo = {
  readStdin(): Promise<Uint8Array>;
  stdout(bytes: Uint8Array): void;
  stderr(text: string): void;
};

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const processIo: SignIo = {
  readStdin: () => readAll(process.stdin),
  stdout: (bytes) => process.stdout.write(bytes),
  stderr: (text) => process.stderr.write(text),
};

class InputProblem extends Error {}

function readFile(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new InputProblem(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function signCommand(argv: string[], io: SignIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cert: { type: 'string' },
        key: { type: 'string' },
        chain: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`kakunin sign: ${(error as Error).message}\n${SIGN_USAGE}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(new TextEncoder().encode(`${SIGN_USAGE}\n`));
    return 0;
  }
  const problems = [
    !values.cert && 'missing --cert',
    !values.key && 'missing --key',
    positionals.length === 0 && 'missing the mail to sign (a file, or - for standard input)',
    positionals.length > 1 && `one mail at a time (got ${positionals.length})`,
  ].filter(Boolean);
  if (problems.length > 0) {
    io.stderr(`kakunin sign: ${problems.join('; ')}\n${SIGN_USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    const mail = positionals[0] === '-' ? await io.readStdin() : readFile(positionals[0], 'mail');
    if (mail.length === 0) throw new InputProblem('the mail is empty');
    const signed = await signMail({
      cert: readFile(values.cert!, 'certificate'),
      key: readFile(values.key!, 'private key'),
      chain: (values.chain ?? []).map((file) => readFile(file, 'chain')),
      mail,
    });
    io.stdout(signed);
    return 0;
  } catch (error) {
    if (error instanceof InputProblem || error instanceof SignError || error instanceof CertificateError) {
      io.stderr(`kakunin sign: ${error.message}\n`);
      return EXIT_INPUT;
    }
    throw error;
  }
}
