import { currentTeamId, switchTeam, teams } from './session';

/** Which of the user's teams the console shows: a labelled select (just the name with one team). */
export function TeamSwitcher() {
  const list = teams.value;
  if (list.length === 0) return null;
  if (list.length === 1) {
    return (
      <span class="team-name" title="Team">
        {list[0].name}
      </span>
    );
  }
  return (
    <div class="team-switcher">
      <label for="team-switcher" class="visually-hidden">
        Team
      </label>
      <select
        id="team-switcher"
        class="input input-compact"
        value={currentTeamId.value ?? undefined}
        onChange={(event) => switchTeam((event.currentTarget as HTMLSelectElement).value)}
      >
        {list.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}
