import { ChangePasswordSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useMe, useSession } from '../auth/session.tsx';
import { ErrorAlert, Notice, PageHeader } from '../components/feedback.tsx';
import { TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useForm } from '../lib/use-form.ts';

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const forced = me.user.mustChangePassword;
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);
  const v = form.values;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (v.newPassword !== v.confirm) {
      form.setErrors({ confirm: t('account.mismatch') });
      return;
    }
    const ok = await form.submit(ChangePasswordSchema, { currentPassword: v.currentPassword, newPassword: v.newPassword }, async (data) => {
      await api.changePassword(data);
    });
    if (!ok) return;
    form.setValues({ currentPassword: '', newPassword: '', confirm: '' });
    setDone(true);
    await refresh();
    if (forced) navigate('/', { replace: true });
  }

  const u = me.user;
  return (
    <>
      <PageHeader title={t('account.title')} />
      {forced ? <Notice kind="warning">{t('account.mustChange')}</Notice> : null}
      {done ? <Notice kind="success">{t('account.changed')}</Notice> : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="account-profile">
          <h2 id="account-profile">{t('account.profile')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('users.fullName')}</dt>
              <dd>{u.fullName}</dd>
            </div>
            <div>
              <dt>{t('users.username')}</dt>
              <dd className="mono">{u.username}</dd>
            </div>
            <div>
              <dt>{t('users.role')}</dt>
              <dd>{t(`role.${u.role}`)}</dd>
            </div>
            {u.opdName ? (
              <div>
                <dt>{t('common.opd')}</dt>
                <dd>{u.opdName}</dd>
              </div>
            ) : null}
            {u.villageName ? (
              <div>
                <dt>{t('common.kelurahan')}</dt>
                <dd>{u.villageName}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="account-password">
          <h2 id="account-password">{t('account.changePassword')}</h2>
          <form onSubmit={submit} noValidate>
            <input type="text" name="username" autoComplete="username" value={u.username} readOnly hidden />
            <TextField
              label={t('account.current')}
              type="password"
              autoComplete="current-password"
              value={v.currentPassword}
              onChange={(e) => form.set('currentPassword', e.target.value)}
              error={form.errors.currentPassword}
              required
            />
            <TextField
              label={t('account.new')}
              type="password"
              autoComplete="new-password"
              value={v.newPassword}
              onChange={(e) => form.set('newPassword', e.target.value)}
              error={form.errors.newPassword}
              hint={t('account.rules')}
              required
            />
            <TextField
              label={t('account.confirm')}
              type="password"
              autoComplete="new-password"
              value={v.confirm}
              onChange={(e) => form.set('confirm', e.target.value)}
              error={form.errors.confirm}
              required
            />
            <ErrorAlert error={form.error} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={form.busy}>
                {t('account.submit')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}
