// The project's satisfaction and business-hours settings (csat lane), saved as their own patch of
// `settings` (the server merges top-level keys, so the editor's other fields are left alone).
import { useState } from 'preact/hooks';
import { api, errorText } from '../workspace/api';
import type { Project } from '../workspace/types';
import { rememberProject } from './project-store';

type Hours = NonNullable<Project['settings']['businessHours']>;
type Day = { open: boolean; from: string; to: string };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDER = [1, 2, 3, 4, 5, 6, 0];

function daysOf(hours: Hours | null | undefined): Day[] {
  return DAYS.map((_, day) => {
    const w = hours?.weekly.find((x) => x.day === day);
    return w
      ? { open: true, from: w.from, to: w.to }
      : { open: !hours && day >= 1 && day <= 5, from: '09:00', to: '17:00' };
  });
}

export function CsatHoursSettings({ project }: { project: Project }) {
  const settings = project.settings;
  const [csat, setCsat] = useState(settings.csat?.enabled ?? false);
  const [useHours, setUseHours] = useState(Boolean(settings.businessHours));
  const [timezone, setTimezone] = useState(
    settings.businessHours?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
  );
  const [days, setDays] = useState(() => daysOf(settings.businessHours));
  const [offline, setOffline] = useState(settings.businessHours?.offlineMessage ?? '');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setDay = (i: number, patch: Partial<Day>) =>
    setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const weekly = days.flatMap((d, day) => (d.open ? [{ day, from: d.from, to: d.to }] : []));
    const businessHours = useHours
      ? { timezone: timezone.trim(), weekly, offlineMessage: offline.trim() }
      : null;
    try {
      const { data } = await api<Project>(`/projects/${project.id}`, {
        method: 'PATCH',
        // The server merges keys into the stored settings: null turns business hours off.
        body: { settings: { csat: { enabled: csat }, businessHours } },
      });
      rememberProject(data);
      setStatus('Saved');
    } catch (err) {
      setError(errorText(err));
      setStatus('');
    }
  };

  return (
    <form class="card settings-card" onSubmit={(e) => void save(e)} aria-labelledby="csat-hours-title">
      <h2 id="csat-hours-title">Satisfaction and business hours</h2>
      <label class="check">
        <input type="checkbox" checked={csat} onChange={(e) => setCsat(e.currentTarget.checked)} /> Ask
        visitors for a rating when a conversation is resolved
      </label>
      <label class="check">
        <input type="checkbox" checked={useHours} onChange={(e) => setUseHours(e.currentTarget.checked)} />{' '}
        Use business hours (outside them the widget shows the offline message)
      </label>
      {useHours && (
        <>
          <label class="field">
            Time zone (IANA, e.g. Europe/Paris)
            <input
              class="input"
              required
              value={timezone}
              onInput={(e) => setTimezone(e.currentTarget.value)}
            />
          </label>
          <fieldset class="hours">
            <legend>Opening hours</legend>
            {ORDER.map((i) => (
              <div class="hours-day" key={i}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={days[i].open}
                    onChange={(e) => setDay(i, { open: e.currentTarget.checked })}
                  />{' '}
                  {DAYS[i]}
                </label>
                <input
                  class="input input-compact"
                  type="time"
                  aria-label={`${DAYS[i]} opens`}
                  value={days[i].from}
                  disabled={!days[i].open}
                  onInput={(e) => setDay(i, { from: e.currentTarget.value })}
                />
                <input
                  class="input input-compact"
                  type="time"
                  aria-label={`${DAYS[i]} closes`}
                  value={days[i].to}
                  disabled={!days[i].open}
                  onInput={(e) => setDay(i, { to: e.currentTarget.value })}
                />
              </div>
            ))}
          </fieldset>
          <label class="field">
            Offline message (sent once a day to visitors writing outside hours)
            <textarea
              class="input"
              rows={2}
              maxLength={1000}
              value={offline}
              onInput={(e) => setOffline(e.currentTarget.value)}
            />
          </label>
        </>
      )}
      <div class="row">
        <button class="btn btn-primary" type="submit">
          Save satisfaction and hours
        </button>
        <span role="status">{status}</span>
      </div>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </form>
  );
}
