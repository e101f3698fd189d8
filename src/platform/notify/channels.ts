// Delivery channels: e-mail over SMTP (nodemailer) and SMS over an HTTP gateway speaking Kannel's
// `sendsms` interface. Without a configured gateway, development keeps messages in the dev outbox only;
// production refuses to pretend a message left.
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import { smsEncoding } from './sms-length.ts';

export interface Outgoing {
  to: string;
  subject?: string;
  body: string;
}
export type Channel = (msg: Outgoing) => Promise<void>;
export type Channels = Record<'sms' | 'email', Channel>;

export function createChannels(config: Config): Channels {
  return { sms: smsChannel(config), email: emailChannel(config) };
}

function smsChannel(config: Config): Channel {
  const gateway = config.sms;
  if (!gateway) return notConfigured(config, 'SMS_GATEWAY_URL');
  return async ({ to, body }) => {
    const url = new URL(gateway.url);
    url.searchParams.set('username', gateway.user);
    url.searchParams.set('password', gateway.password);
    url.searchParams.set('from', gateway.sender);
    url.searchParams.set('to', to);
    url.searchParams.set('text', body);
    url.searchParams.set('charset', 'UTF-8');
    // 7-bit when every character is in the GSM alphabet (é, è, à, ù are; ç, ê, ô, œ, ’, ɗ, ƙ are not): 160
    // characters a part instead of 70, which is what the operator bills. Otherwise UCS-2, accents intact.
    url.searchParams.set('coding', smsEncoding(body) === 'gsm7' ? '0' : '2');
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const answer = await res.text();
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${answer.slice(0, 200)}`);
  };
}

function emailChannel(config: Config): Channel {
  if (!config.smtpUrl) return notConfigured(config, 'SMTP_URL');
  const transport = nodemailer.createTransport(config.smtpUrl);
  return async ({ to, subject, body }) => {
    await transport.sendMail({ from: config.mailFrom, to, subject: subject ?? 'Guichet', text: body });
  };
}

function notConfigured(config: Config, setting: string): Channel {
  if (!config.production) return async () => {}; // visible at /dev/outbox
  return async () => {
    throw new Error(`${setting} is not set: message not sent`);
  };
}
