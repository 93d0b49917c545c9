// The widget's words, one table per locale: add a locale by adding a table (same keys as `en`).

const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  close: 'Close',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  newMessageTitle: 'New message',
  online: 'We are online',
  offline: 'We will reply as soon as we can',
  message: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  seen: 'Seen',
  typing: 'typing…',
  agent: 'Agent',
  you: 'You',
  loadEarlier: 'Load earlier messages',
  conversations: 'Your conversations',
  newConversation: 'New conversation',
  back: 'Back to the conversation',
  noConversations: 'No conversations yet.',
  messages: 'Messages',
  dialog: (name: string) => `Chat with ${name}`,
  reconnecting: 'Reconnecting…',
  errorKey: 'This chat is not set up correctly (unknown project key).',
  errorOrigin: 'This chat is not enabled on this website.',
  errorRateLimited: (s: number) => `You are sending messages too fast. Please try again in ${s} s.`,
  errorGeneric: 'The chat is unavailable right now. Please try again later.',
  attach: 'Attach a file',
  uploading: (name: string, percent: number) => `Uploading ${name}: ${percent}%`,
  uploadTooLarge: (name: string) => `${name} is too large to send.`,
  uploadRefused: (name: string) => `${name} cannot be sent: this type of file is not accepted.`,
  uploadFailed: (name: string) => `${name} could not be sent.`,
  dropHere: 'Drop a file to send it',
};

export type Strings = typeof en;

const fr: Strings = {
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  close: 'Fermer',
  unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  newMessageTitle: 'Nouveau message',
  online: 'Nous sommes en ligne',
  offline: 'Nous vous répondrons dès que possible',
  message: 'Message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  sending: 'Envoi…',
  failed: 'Non envoyé',
  retry: 'Réessayer',
  seen: 'Lu',
  typing: 'écrit…',
  agent: 'Conseiller',
  you: 'Vous',
  loadEarlier: 'Messages précédents',
  conversations: 'Vos conversations',
  newConversation: 'Nouvelle conversation',
  back: 'Retour à la conversation',
  noConversations: 'Aucune conversation pour le moment.',
  messages: 'Messages',
  dialog: (name) => `Discuter avec ${name}`,
  reconnecting: 'Reconnexion…',
  errorKey: "Ce chat n'est pas configuré correctement (clé de projet inconnue).",
  errorOrigin: "Ce chat n'est pas activé sur ce site.",
  errorRateLimited: (s) => `Vous envoyez des messages trop vite. Réessayez dans ${s} s.`,
  errorGeneric: 'Le chat est indisponible pour le moment. Réessayez plus tard.',
  attach: 'Joindre un fichier',
  uploading: (name, percent) => `Envoi de ${name} : ${percent} %`,
  uploadTooLarge: (name) => `${name} est trop volumineux.`,
  uploadRefused: (name) => `${name} ne peut pas être envoyé : ce type de fichier n'est pas accepté.`,
  uploadFailed: (name) => `${name} n'a pas pu être envoyé.`,
  dropHere: 'Déposez un fichier pour l’envoyer',
};

const TABLES: Record<string, Strings> = { en, fr };

/** `locale` (e.g. "fr-CA") or the browser's languages, falling back to English. */
export function stringsFor(locale?: string): { lang: string; t: Strings } {
  for (const tag of [locale, ...(navigator.languages ?? [navigator.language])]) {
    const lang = tag?.toLowerCase().split('-')[0];
    if (lang && TABLES[lang]) return { lang, t: TABLES[lang] };
  }
  return { lang: 'en', t: en };
}
