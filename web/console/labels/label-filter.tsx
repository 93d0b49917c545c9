import { filters, setFilters } from '../inbox/inbox-store';
import { teamLabels } from './label-store';

/** The inbox's label filter (a select beside status, assignee and project). */
export function LabelFilter() {
  if (teamLabels.value.length === 0) return null;
  return (
    <label class="field">
      Label
      <select
        class="input"
        value={filters.value.label}
        onChange={(e) => setFilters({ label: e.currentTarget.value })}
      >
        <option value="">Any label</option>
        {teamLabels.value.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
