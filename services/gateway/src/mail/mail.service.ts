import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';

const SMTP_TIMEOUTS_MS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
};

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail through the SMTP server named by SMTP_URL; without one, sends nothing. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    // The inviter waits for the SMTP answer: nodemailer's minutes-long defaults would hang the request.
    this.transport = config.mail.smtpUrl
      ? createTransport({ url: config.mail.smtpUrl, ...SMTP_TIMEOUTS_MS })
      : null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  /** Whether the SMTP server accepted the mail; a failure is logged, not thrown. */
  async send(mail: OutgoingMail): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn(`no SMTP_URL set: mail "${mail.subject}" to ${mail.to} not sent`);
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.config.mail.from, ...mail });
      return true;
    } catch (error) {
      this.logger.warn(
        `mail "${mail.subject}" to ${mail.to} not sent: ${(error as Error).message}`,
      );
      return false;
    }
  }
}
