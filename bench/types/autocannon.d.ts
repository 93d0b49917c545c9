// autocannon ships without type declarations; the bench only uses its documented options and result fields.
declare module 'autocannon';
