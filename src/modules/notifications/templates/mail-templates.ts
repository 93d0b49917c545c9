import { action, compose, p, quote, type MailContent } from './mail-layout';

/** The mails Spectre sends, one function each. Values are plain text: compose() escapes them in HTML. */

export function invitationMail(v: {
  teamName: string;
  inviterName: string | null;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}): MailContent {
  const who = v.inviterName ? `${v.inviterName} invited you` : 'You are invited';
  return compose(`Join ${v.teamName} on Spectre`, [
    p(`${who} to join the team "${v.teamName}" on Spectre as ${v.role === 'agent' ? 'an' : 'a'} ${v.role}.`),
    action('Accept the invitation', v.acceptUrl),
    p(`The link works until ${v.expiresAt.toUTCString()}. If you did not expect it, ignore this mail.`),
  ]);
}

export function passwordResetMail(v: { name: string; resetUrl: string }): MailContent {
  return compose('Reset your Spectre password', [
    p(`Hello ${v.name},`),
    p('Someone (hopefully you) asked to reset the password of your Spectre account.'),
    action('Choose a new password', v.resetUrl),
    p(
      'The link works once, for one hour. Resetting signs you out everywhere. ' +
        'If you did not ask for it, ignore this mail: your password stays as it is.',
    ),
  ]);
}

export interface UnseenReply {
  author: string;
  body: string;
}

export function continuityMail(v: {
  projectName: string;
  replies: UnseenReply[];
  conversationUrl: string | null;
  unsubscribeUrl: string;
}): MailContent {
  const content = compose(
    `New reply from ${v.projectName}`,
    [
      p(
        `You have ${v.replies.length === 1 ? 'a reply' : `${v.replies.length} replies`} you have not seen yet:`,
      ),
      ...v.replies.map((r) => quote(r.author, r.body)),
      ...(v.conversationUrl
        ? [action('Continue the conversation', v.conversationUrl)]
        : [p('Open the chat on our website to answer.')]),
    ],
    [
      p('You get this because you left your email address in our chat.'),
      action('Unsubscribe', v.unsubscribeUrl),
    ],
  );
  return { ...content, headers: { 'List-Unsubscribe': `<${v.unsubscribeUrl}>` } };
}

export function newConversationMail(v: {
  projectName: string;
  visitorName: string | null;
  preview: string | null;
  conversationUrl: string;
  settingsUrl: string;
}): MailContent {
  return compose(
    `New conversation on ${v.projectName}`,
    [
      p(
        `${v.visitorName ?? 'A visitor'} started a conversation on ${v.projectName} while no agent was online.`,
      ),
      ...(v.preview ? [quote(v.visitorName ?? 'Visitor', v.preview)] : []),
      action('Open the conversation', v.conversationUrl),
    ],
    [p('Turn these mails off in your account settings:'), action('Account settings', v.settingsUrl)],
  );
}

export function webhookDisabledMail(v: {
  projectName: string;
  url: string;
  reason: string;
  webhooksUrl: string;
  settingsUrl: string;
}): MailContent {
  return compose(
    `A webhook of ${v.projectName} was disabled`,
    [
      p(`Spectre stopped sending events to this webhook endpoint of ${v.projectName}:`),
      quote('Endpoint', v.url),
      quote('Reason', v.reason),
      p('Fix the endpoint, then enable the webhook again; failed deliveries can be retried from its log.'),
      action('Open the webhooks', v.webhooksUrl),
    ],
    [p('Turn these mails off in your account settings:'), action('Account settings', v.settingsUrl)],
  );
}
