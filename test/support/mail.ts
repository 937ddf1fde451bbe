import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it, with the headers and text decoded. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** A real SMTP server on 127.0.0.1 (a free port) standing in for the marketplace's mail relay. */
export interface MailSink {
  url: string;
  /** Mails accepted with "250 OK", in arrival order. */
  received: ReceivedMail[];
  /** Every DATA the server read, refused ones included. */
  attempts: number;
  close(): Promise<void>;
}

/** The bytes of quoted-printable or Q-encoded text (=XX escapes; everything else is ASCII). */
function escapedBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;

/** RFC 2047 header decoding: adjacent encoded words are one byte run (a letter may be split across them). */
function decodeHeader(value: string): string {
  const parts: (string | Buffer)[] = [];
  let last = 0;
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    const previous = parts[parts.length - 1];
    const bytes = match[1].toUpperCase() === 'B' ? Buffer.from(match[2], 'base64') : escapedBytes(match[2].replace(/_/g, ' '));
    if (Buffer.isBuffer(previous) && /^\s*$/.test(between)) parts[parts.length - 1] = Buffer.concat([previous, bytes]);
    else parts.push(between, bytes);
    last = match.index! + match[0].length;
  }
  parts.push(value.slice(last));
  return parts.map((part) => (Buffer.isBuffer(part) ? part.toString('utf8') : part)).join('');
}

function decodeBody(body: string, encoding: string | undefined): string {
  let decoded = body;
  if (encoding === 'quoted-printable') decoded = escapedBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  if (encoding === 'base64') decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return decoded.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    headers,
    subject: decodeHeader(headers.subject ?? ''),
    text: decodeBody(raw.slice(split + 4), headers['content-transfer-encoding']),
  };
}

/** Starts the server; `refuse(n)` answers the n-th DATA (from 1) with "451 try again later". */
/**
 * A real SMTP server on 127.0.0.1. `refuse` answers 451 to chosen attempts; `beforeAnswer` runs
 * while the sender waits for the answer to a mail's DATA (to look at the database meanwhile).
 */
export function startMailSink(
  refuse: (attempt: number) => boolean = () => false,
  beforeAnswer: () => Promise<void> = async () => undefined,
): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const sink = { received, attempts: 0 } as MailSink;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        await beforeAnswer();
        sink.attempts += 1;
        if (refuse(sink.attempts)) {
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ...parseMail(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      sink.close = () => new Promise<void>((done) => server.close(() => done()));
      resolve(sink);
    });
  });
}
