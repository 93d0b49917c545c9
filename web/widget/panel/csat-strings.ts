// Words of the rating card and the offline notice (panel only, so the loader stays small).
const en = {
  rateTitle: 'How did we do?',
  rateGroup: 'Your rating',
  star: (n: number) => `${n} out of 5`,
  comment: 'Comment (optional)',
  sendRating: 'Send rating',
  thanks: (n: number) => `Thanks for your feedback! You rated us ${n} out of 5.`,
  change: 'Change',
  away: 'We are away right now.',
  backAt: (when: string) => `We are back ${when}.`,
  emailAsk: 'Leave your email and we will reply there:',
  email: 'Email',
  save: 'Save',
  emailSaved: 'Thanks, we will reply by email.',
};

export type CsatStrings = typeof en;

const fr: CsatStrings = {
  rateTitle: 'Comment avons-nous été ?',
  rateGroup: 'Votre note',
  star: (n) => `${n} sur 5`,
  comment: 'Commentaire (facultatif)',
  sendRating: 'Envoyer la note',
  thanks: (n) => `Merci pour votre avis ! Vous nous avez donné ${n} sur 5.`,
  change: 'Modifier',
  away: 'Nous sommes absents pour le moment.',
  backAt: (when) => `Nous serons de retour ${when}.`,
  emailAsk: 'Laissez votre e-mail, nous vous répondrons par ce biais :',
  email: 'E-mail',
  save: 'Enregistrer',
  emailSaved: 'Merci, nous vous répondrons par e-mail.',
};

export const csatStrings = (lang: string): CsatStrings => (lang === 'fr' ? fr : en);
