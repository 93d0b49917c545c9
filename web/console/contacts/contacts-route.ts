import { BASE } from '../workspace/router';

export const CONTACTS_PATH = `${BASE}/contacts`;
export const contactPath = (visitorId: string): string => `${CONTACTS_PATH}/${visitorId}`;
