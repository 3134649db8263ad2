import { PasswordSchema, type Role, RoleSchema, type User, UserInputSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { api } from '../api/endpoints.ts';
import { listScopeVillages } from '../api/scope-villages.ts';
import { useMe } from '../auth/session.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Badge, ErrorAlert, Loading, Notice, PageHeader } from '../components/feedback.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { ReasonDialog } from '../components/reason-dialog.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useForm } from '../lib/use-form.ts';
import { useLoad } from '../lib/use-load.ts';

type Action = { kind: 'create' } | { kind: 'deactivate' | 'reactivate' | 'reset'; user: User };

export function UsersPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const users = useLoad(() => api.users({ q: q.trim() || undefined, role: role || undefined }), [q, role]);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <button type="button" className="button button-primary" onClick={() => setAction({ kind: 'create' })}>
            {t('users.add')}
          </button>
        }
      />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <search className="toolbar card">
        <TextField label={t('users.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">{t('users.allRoles')}</option>
          {RoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
      </search>
      <ErrorAlert error={users.error} />
      {users.loading && !users.data ? <Loading /> : null}
      {users.data ? (
        <div className="table-wrap card">
          <table>
            <caption className="sr-only">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.fullName')}</th>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.attachedTo')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col" className="cell-actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id} className={u.active ? '' : 'row-inactive'}>
                  <th scope="row" className="cell-name">
                    {u.fullName}
                  </th>
                  <td className="mono">{u.username}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.opdName ?? u.villageName ?? '—'}</td>
                  <td>{formatDateTime(u.lastLoginAt, locale)}</td>
                  <td>
                    {u.active ? <Badge tone="ok">{t('common.active')}</Badge> : <Badge tone="muted">{t('common.inactive')}</Badge>}{' '}
                    {u.mustChangePassword ? <Badge tone="warn">{t('users.mustChange')}</Badge> : null}
                    {u.lockedUntil ? <Badge tone="danger">{t('users.locked')}</Badge> : null}
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('users.resetNamed', { name: u.username })}
                      onClick={() => setAction({ kind: 'reset', user: u })}
                    >
                      {t('users.reset')}
                    </button>
                    {u.id === me.user.id ? null : u.active ? (
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        aria-label={t('users.deactivateNamed', { name: u.username })}
                        onClick={() => setAction({ kind: 'deactivate', user: u })}
                      >
                        {t('common.deactivate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('users.reactivateNamed', { name: u.username })}
                        onClick={() => setAction({ kind: 'reactivate', user: u })}
                      >
                        {t('common.reactivate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {users.data.items.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('common.noRows')}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {action?.kind === 'create' ? (
        <CreateUserDialog
          onClose={() => setAction(null)}
          onCreated={(u) => {
            setAction(null);
            setDone(t('users.created', { name: u.username }));
            users.reload();
          }}
        />
      ) : null}
      {action?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={action.user}
          onClose={() => setAction(null)}
          onDone={(u) => {
            setAction(null);
            setDone(t('users.resetDone', { name: u.username }));
            users.reload();
          }}
        />
      ) : null}
      {action?.kind === 'deactivate' || action?.kind === 'reactivate' ? (
        <ReasonDialog
          title={t(action.kind === 'deactivate' ? 'users.deactivateTitle' : 'users.reactivateTitle', { name: action.user.fullName })}
          intro={action.kind === 'deactivate' ? t('users.deactivateIntro') : undefined}
          submitLabel={t(action.kind === 'deactivate' ? 'common.deactivate' : 'common.reactivate')}
          danger={action.kind === 'deactivate'}
          onClose={() => setAction(null)}
          onSubmit={async (body) => {
            const u =
              action.kind === 'deactivate'
                ? await api.deactivateUser(action.user.id, body)
                : await api.reactivateUser(action.user.id, body);
            setDone(t(action.kind === 'deactivate' ? 'users.deactivated' : 'users.reactivated', { name: u.username }));
            users.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface UserForm {
  username: string;
  fullName: string;
  role: Role;
  opdId: string;
  villageCode: string;
  nip: string;
  email: string;
  phone: string;
  password: string;
}

function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (u: User) => void }) {
  const { t } = useI18n();
  const form = useForm<UserForm>({
    username: '',
    fullName: '',
    role: 'mentor',
    opdId: '',
    villageCode: '',
    nip: '',
    email: '',
    phone: '',
    password: '',
  });
  const v = form.values;
  const opds = useLoad(() => api.opds(), []);
  const villages = useLoad(() => listScopeVillages(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      username: v.username,
      fullName: v.fullName,
      role: v.role,
      opdId: v.role === 'mentor' && v.opdId ? Number(v.opdId) : null,
      villageCode: v.role === 'operator' && v.villageCode ? v.villageCode : null,
      nip: v.nip,
      email: v.email.trim() || null,
      phone: v.phone.trim() || null,
      password: v.password,
    };
    await form.submit(UserInputSchema, input, async (data) => onCreated(await api.createUser(data)));
  }

  return (
    <Dialog title={t('users.createTitle')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="form-grid">
        <TextField
          label={t('users.username')}
          value={v.username}
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => form.set('username', e.target.value)}
          error={form.errors.username}
          hint={t('users.usernameHint')}
          required
        />
        <TextField
          label={t('users.fullName')}
          value={v.fullName}
          onChange={(e) => form.set('fullName', e.target.value)}
          error={form.errors.fullName}
          required
        />
        <SelectField
          label={t('users.role')}
          value={v.role}
          onChange={(e) => form.set('role', e.target.value as Role)}
          error={form.errors.role}
          required
        >
          {RoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        {v.role === 'mentor' ? (
          <SelectField
            label={t('common.opd')}
            value={v.opdId}
            onChange={(e) => form.set('opdId', e.target.value)}
            error={form.errors.opdId}
            required
          >
            <option value="">{t('common.choose')}</option>
            {opds.data?.items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.abbreviation ? `${o.abbreviation} — ${o.name}` : o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        {v.role === 'operator' ? (
          <SelectField
            label={t('common.kelurahan')}
            value={v.villageCode}
            onChange={(e) => form.set('villageCode', e.target.value)}
            error={form.errors.villageCode}
            required
          >
            <option value="">{villages.loading ? t('common.loading') : t('common.choose')}</option>
            {villages.data?.map((d) => (
              <optgroup key={d.district.code} label={`${t('common.kecamatan')} ${d.district.name}`}>
                {d.villages.map((vil) => (
                  <option key={vil.code} value={vil.code}>
                    {vil.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        ) : null}
        {v.role === 'admin' || v.role === 'viewer' || v.role === 'supervisor' ? (
          <div className="form-note">{t(`users.roleNote.${v.role}`)}</div>
        ) : null}
        <TextField
          label={t('users.nip')}
          inputMode="numeric"
          value={v.nip}
          onChange={(e) => form.set('nip', e.target.value)}
          error={form.errors.nip}
          hint={t('users.nipHint')}
        />
        <TextField
          label={t('common.email')}
          type="email"
          value={v.email}
          onChange={(e) => form.set('email', e.target.value)}
          error={form.errors.email}
        />
        <TextField
          label={t('common.phone')}
          type="tel"
          value={v.phone}
          onChange={(e) => form.set('phone', e.target.value)}
          error={form.errors.phone}
        />
        <TextField
          label={t('users.tempPassword')}
          type="text"
          autoComplete="off"
          value={v.password}
          onChange={(e) => form.set('password', e.target.value)}
          error={form.errors.password}
          hint={t('users.tempPasswordHint')}
          required
        />
        <div className="span-2">
          <ErrorAlert error={form.error ?? opds.error ?? villages.error} />
        </div>
        <div className="form-actions span-2">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('users.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const ResetSchema = z.object({ newPassword: PasswordSchema });

function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useI18n();
  const form = useForm({ newPassword: '' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await form.submit(ResetSchema, form.values, async (data) => onDone(await api.resetPassword(user.id, data.newPassword)));
  }
  return (
    <Dialog title={t('users.resetTitle', { name: user.fullName })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('users.resetIntro')}</p>
        <TextField
          label={t('users.tempPassword')}
          type="text"
          autoComplete="off"
          value={form.values.newPassword}
          onChange={(e) => form.set('newPassword', e.target.value)}
          error={form.errors.newPassword}
          hint={t('users.tempPasswordHint')}
          required
        />
        <ErrorAlert error={form.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('users.reset')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
