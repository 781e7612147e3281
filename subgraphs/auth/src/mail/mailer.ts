// Outgoing mail over SMTP (nodemailer). SMTP_URL carries host, port, TLS (smtps://) and
// credentials, so every environment changes only that variable.
import nodemailer from 'nodemailer';
import type { Logger } from '@tracklore/shared/logger';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createSmtpMailer(options: { smtpUrl: string; from: string; logger: Logger }): Mailer {
  // Timeouts tighter than nodemailer's 2-minute defaults, so a dead mail server frees its slot soon.
  const transport = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      options.logger.info({ messageId: info.messageId }, 'mail sent');
    },
    close() {
      transport.close();
    },
  };
}
