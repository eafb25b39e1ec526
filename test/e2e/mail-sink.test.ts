import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startMailSink, type MailSink } from '../../infra/local/local-stack.ts';

// The local SMTP sink reads what nodemailer really sends: long lines, other scripts, HTML beside text.
describe('local mail sink', () => {
  let sink: MailSink;
  const link = `http://localhost:3000/invites/msi_${'A1-_'.repeat(20)}`;

  beforeAll(async () => {
    sink = await startMailSink({ port: await freePort() });
  });

  afterAll(async () => {
    await sink?.stop();
  });

  const send = async (mail: { to: string; subject: string; text: string; html?: string }) => {
    const transport = createTransport(sink.url);
    try {
      await transport.sendMail({ from: 'MixScope <no-reply@mixscope.test>', ...mail });
    } finally {
      transport.close();
    }
  };

  it('keeps a link longer than a mail line whole, and decodes a subject that is not ASCII', async () => {
    await send({
      to: 'zoë@studio.test',
      subject: 'Zoë invited you to Café Noir on MixScope',
      text: `Héllo,\n\nAccept here:\n\n${link}\n\nBye`,
    });
    const [mail] = sink.mails.filter((m) => m.to.includes('zoë@studio.test'));
    expect(mail.subject).toBe('Zoë invited you to Café Noir on MixScope');
    expect(mail.text).toContain('Héllo,');
    expect(mail.links).toEqual([link]);
  });

  it('reads the text part of a message that also has HTML', async () => {
    await send({
      to: 'sam@studio.test',
      subject: 'Both',
      text: `Text part ${link}`,
      html: `<p>HTML part <a href="${link}?html">here</a></p>`,
    });
    const [mail] = sink.mails.filter((m) => m.to.includes('sam@studio.test'));
    expect(mail.text).toContain('Text part');
    expect(mail.text).not.toContain('HTML part');
    expect(mail.links).toEqual([link]);
  });
});
