import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.ts';
import { MailRefused, messageIdsIn, parseMime } from './mime.ts';
import { visibleReplyText } from './quotes.ts';

const envelope = { mailFrom: 'ann@customer.example', rcptTo: ['support@outfitters.example'] };
const at = new Date('2026-03-02T10:00:00Z');
const mail = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('parseMime', () => {
  it('reads threading headers, addresses, text and attachment metadata', async () => {
    const delivery = await parseMime(
      mail([
        'From: "Ann Customer" <Ann@Customer.example>',
        'To: support@outfitters.example',
        'Cc: Bo <bo@customer.example>',
        'Subject: =?UTF-8?Q?Caf=C3=A9_order?=',
        'Message-ID: <m2@customer.example>',
        'In-Reply-To: <parley.1@outfitters.example>',
        'References: <m1@customer.example>\r\n <parley.1@outfitters.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="x"',
        '',
        '--x',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Where is it?',
        '--x',
        'Content-Type: image/png; name="photo.png"',
        'Content-Disposition: attachment; filename="photo.png"',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--x--',
        '',
      ]),
      envelope,
      at,
    );
    expect(delivery.message).toMatchObject({
      messageId: '<m2@customer.example>',
      inReplyTo: '<parley.1@outfitters.example>',
      references: ['<m1@customer.example>', '<parley.1@outfitters.example>'],
      subject: 'Café order',
      from: { address: 'ann@customer.example', name: 'Ann Customer' },
      cc: [{ address: 'bo@customer.example', name: 'Bo' }],
      text: 'Where is it?',
      attachments: [{ name: 'photo.png', mimeType: 'image/png', size: 8 }],
      isAutoReply: false,
    });
    expect(Buffer.from(delivery.raw ?? '', 'base64').toString('utf8')).toContain('Where is it?');
  });

  it('turns an HTML-only mail into text without markup or scripts', async () => {
    const delivery = await parseMime(
      mail([
        'From: ann@customer.example',
        'Subject: html',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;<b>there</b></p><script>steal()</script><p>Line two</p></body></html>',
      ]),
      envelope,
      at,
    );
    expect(delivery.message.hasHtml).toBe(true);
    expect(delivery.message.text).toContain('Hello');
    expect(delivery.message.text).toContain('Line two');
    expect(delivery.message.text).not.toMatch(/<|steal|color:red/);
  });

  it('gives a stable Message-ID to mail without one', async () => {
    const raw = mail(['From: ann@customer.example', 'Subject: none', '', 'no id']);
    const a = await parseMime(raw, envelope, at);
    const b = await parseMime(raw, envelope, at);
    expect(a.message.messageId).toMatch(/^<generated\.[0-9a-f]{32}@parley\.invalid>$/);
    expect(b.message.messageId).toBe(a.message.messageId);
  });

  it('refuses a mail without a From address', async () => {
    await expect(parseMime(mail(['Subject: x', '', 'body']), envelope, at)).rejects.toBeInstanceOf(
      MailRefused,
    );
  });

  it('recognises automatic replies', async () => {
    const delivery = await parseMime(
      mail([
        'From: ann@customer.example',
        'Auto-Submitted: auto-replied',
        'Subject: Away',
        '',
        'Back Monday',
      ]),
      envelope,
      at,
    );
    expect(delivery.message.isAutoReply).toBe(true);
  });

  it('reads Message-IDs with or without brackets', () => {
    expect(messageIdsIn('<a@b> <c@d>')).toEqual(['<a@b>', '<c@d>']);
    expect(messageIdsIn(['<a@b>', '<c@d>'])).toEqual(['<a@b>', '<c@d>']);
    expect(messageIdsIn('a@b')).toEqual(['<a@b>']);
    expect(messageIdsIn(undefined)).toEqual([]);
  });
});

describe('visibleReplyText', () => {
  it.each([
    ['Gmail', 'Thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, Support <s@x.example> wrote:\n> old text'],
    [
      'Gmail wrapped',
      'Thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, Outfitters Support\n<s@x.example> wrote:\n> old',
    ],
    ['Outlook', 'Thanks!\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Re: x'],
    [
      'Outlook headers',
      'Thanks!\n\nFrom: Support <s@x.example>\nSent: Monday, March 2, 2026\nTo: Ann\nSubject: x\n\nold',
    ],
    ['French', 'Thanks!\n\nLe lun. 2 mars 2026 à 10:00, Support <s@x.example> a écrit :\n> vieux'],
    ['German', 'Thanks!\n\nAm 02.03.2026 um 10:00 schrieb Support <s@x.example>:\n> alt'],
    ['bare quote block', 'Thanks!\n\n> old line\n> another'],
    ['signature', 'Thanks!\n-- \nAnn Customer\n+44 20 0000 0000'],
    ['mobile', 'Thanks!\n\nSent from my iPhone'],
  ])('keeps only the new words (%s)', (_name, text) => {
    expect(visibleReplyText(text)).toBe('Thanks!');
  });

  it('keeps inline answers between quotes', () => {
    const text = '> Which order?\n4411\n> Which address?\n12 High St';
    expect(visibleReplyText(text)).toBe(text);
  });

  it('never returns empty for a mail that is all quote', () => {
    expect(visibleReplyText('> only a quote')).toBe('> only a quote');
  });
});

describe('htmlToText', () => {
  it('drops markup, scripts and styles, keeps blocks as lines and decodes entities', () => {
    expect(
      htmlToText(
        '<style>p{}</style><p>Hi&nbsp;there &amp; welcome</p><ul><li>one</li><li>two</li></ul><script>x()</script>a<br>b &#x1F600; &lt;tag&gt;',
      ),
    ).toBe('Hi there & welcome\n\n- one\n- two\na\nb 😀 <tag>');
  });
});
