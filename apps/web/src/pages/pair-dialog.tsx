import { type MentorRole, type Pairing, PairingInputSchema, type User } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { Dialog } from '../components/dialog.tsx';
import { ErrorAlert, Loading } from '../components/feedback.tsx';
import { CheckboxField, SelectField, TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { BoardRow } from '../lib/board.ts';
import { todayIso } from '../lib/format.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';

type Pick = Record<number, MentorRole | ''>;

export function PairDialog({
  row,
  programYearId,
  year,
  oneVillagePerOpd,
  pairedOpds,
  onClose,
  onPaired,
  onConflict,
}: {
  row: BoardRow;
  programYearId: number;
  year: number;
  oneVillagePerOpd: boolean;
  /** OPD id → the kelurahan it already mentors this year. */
  pairedOpds: ReadonlyMap<number, string>;
  onClose: () => void;
  onPaired: (p: Pairing) => void;
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const opds = useLoad(() => api.opds(), []);
  const form = useForm({ opdId: '', decreeNumber: '', decreeDate: todayIso(), continuation: false });
  const [picks, setPicks] = useState<Pick>({});
  const v = form.values;
  const opdId = Number(v.opdId) || undefined;
  const candidates = useLoad(() => loadCandidates(opdId, row.villageCode), [opdId, row.villageCode]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mentors = Object.entries(picks).flatMap(([userId, role]) => (role ? [{ userId: Number(userId), role }] : []));
    const input = {
      opdId: opdId ?? 0,
      villageCode: row.villageCode,
      decreeNumber: v.decreeNumber,
      decreeDate: v.decreeDate,
      continuation: v.continuation,
      mentors,
    };
    const ok = await form.submit(PairingInputSchema, input, async (data) => {
      try {
        onPaired(await api.createPairing(programYearId, data));
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict();
        throw err;
      }
    });
    // "expected a number > 0" says nothing to a user who simply did not pick an OPD.
    if (!ok && opdId === undefined) form.setErrors((x) => ({ ...x, opdId: t('pair.chooseOpd') }));
  }

  return (
    <Dialog title={t('pair.title', { name: row.villageName })} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <p className="span-2 muted">
          {t('common.kecamatan')} {row.districtName} · {row.villageCode} · {t('pair.yearNote', { year })}
        </p>
        <SelectField
          className="span-2"
          label={t('pair.opd')}
          value={v.opdId}
          onChange={(e) => {
            form.set('opdId', e.target.value);
            setPicks({});
          }}
          error={form.errors.opdId}
          required
        >
          <option value="">{opds.loading ? t('common.loading') : t('common.choose')}</option>
          {opds.data?.items
            .filter((o) => o.active)
            .map((o) => {
              const busyWith = pairedOpds.get(o.id);
              const label = o.abbreviation ? `${o.abbreviation} — ${o.name}` : o.name;
              return (
                <option key={o.id} value={o.id} disabled={oneVillagePerOpd && !!busyWith}>
                  {busyWith ? `${label} (${t('pair.alreadyMentors', { name: busyWith })})` : label}
                </option>
              );
            })}
        </SelectField>
        <TextField
          label={t('pair.decreeNumber')}
          value={v.decreeNumber}
          onChange={(e) => form.set('decreeNumber', e.target.value)}
          error={form.errors.decreeNumber}
          required
        />
        <TextField
          label={t('pair.decreeDate')}
          type="date"
          value={v.decreeDate}
          onChange={(e) => form.set('decreeDate', e.target.value)}
          error={form.errors.decreeDate}
          required
        />
        <CheckboxField
          className="span-2"
          label={t('pair.continuation')}
          hint={t('pair.continuationHint')}
          checked={v.continuation}
          onChange={(e) => form.set('continuation', e.target.checked)}
        />
        <fieldset className="span-2 mentors-fieldset">
          <legend>{t('pair.mentors')}</legend>
          {!opdId ? <p className="muted">{t('pair.mentorsPickOpd')}</p> : null}
          {opdId && candidates.loading ? <Loading /> : null}
          <ErrorAlert error={candidates.error} />
          {opdId && candidates.data ? (
            <MentorPicker
              mentors={candidates.data.mentors}
              operators={candidates.data.operators}
              villageName={row.villageName}
              picks={picks}
              onChange={setPicks}
            />
          ) : null}
        </fieldset>
        <div className="span-2">
          <ErrorAlert error={form.error} />
        </div>
        <div className="form-actions span-2">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('pair.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export interface Candidates {
  mentors: User[];
  operators: User[];
}

/** Mentors of the chosen OPD, and the operator(s) of the kelurahan who can act as its liaison. */
export async function loadCandidates(opdId: number | undefined, villageCode: string): Promise<Candidates> {
  const [mentors, operators] = await Promise.all([
    opdId ? api.users({ role: 'mentor', opdId }) : Promise.resolve({ items: [] }),
    api.users({ role: 'operator' }),
  ]);
  return {
    mentors: mentors.items.filter((u) => u.active),
    operators: operators.items.filter((u) => u.active && u.villageCode === villageCode),
  };
}

export function MentorPicker({
  mentors,
  operators,
  villageName,
  picks,
  onChange,
}: {
  mentors: readonly User[];
  operators: readonly User[];
  villageName: string;
  picks: Pick;
  onChange: (p: Pick) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="mentor-picker">
      {mentors.length === 0 ? <p className="muted">{t('pair.noMentors')}</p> : null}
      {mentors.map((u) => (
        <SelectField
          key={u.id}
          className="field-compact"
          label={u.fullName}
          value={picks[u.id] ?? ''}
          onChange={(e) => onChange({ ...picks, [u.id]: e.target.value as MentorRole | '' })}
        >
          <option value="">{t('pair.notIncluded')}</option>
          <option value="coordinator">{t('mentorRole.coordinator')}</option>
          <option value="member">{t('mentorRole.member')}</option>
        </SelectField>
      ))}
      {operators.map((u) => (
        <CheckboxField
          key={u.id}
          label={t('pair.includeLiaison', { name: u.fullName, village: villageName })}
          checked={picks[u.id] === 'kelurahan_liaison'}
          onChange={(e) => onChange({ ...picks, [u.id]: e.target.checked ? 'kelurahan_liaison' : '' })}
        />
      ))}
    </div>
  );
}
