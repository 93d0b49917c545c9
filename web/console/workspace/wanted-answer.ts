import { currentTeamId } from '../auth/session';

/**
 * For a team's loads that can overlap (the first load, a reconnect, a reload after a write): each
 * call of the returned function starts one and gives a check that its answer is still wanted: no
 * later load of the same kind has started since, and the team is still the one shown. An older
 * answer arriving last, or one for a team left or signed out of, would otherwise land.
 */
export function answerGuard(): (teamId: string) => () => boolean {
  let last = 0;
  return (teamId) => {
    const load = ++last;
    return () => load === last && currentTeamId.value === teamId;
  };
}
