import { LoginSchema } from '@dampingan/contracts';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorAlert, useDocumentTitle } from '../components/feedback.tsx';
import { TextField } from '../components/fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/use-load.ts';
import { type FieldErrors, validate } from '../lib/validate.ts';

export function LoginPage() {
  const { t } = useI18n();
  const { me, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const health = useLoad(() => api.health(), []);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.title'));

  const from = (location.state as { from?: string } | null)?.from;
  if (me && !busy) return <Navigate to={me.user.mustChangePassword ? '/akun' : (from ?? '/')} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validate(LoginSchema, { username, password });
    setErrors(v.ok ? {} : v.errors);
    setError(null);
    if (!v.ok) return;
    setBusy(true);
    try {
      const next = await login(v.data.username, v.data.password);
      navigate(next.user.mustChangePassword ? '/akun' : (from ?? '/'), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-wrap">
      <section className="login-card card" aria-labelledby="login-title">
        <div className="login-emblem" aria-hidden="true">
          D
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="subtitle">{t('login.subtitle')}</p>
        <form onSubmit={submit} noValidate>
          <TextField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={errors.username}
            required
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            required
          />
          <ErrorAlert error={error} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
      {health.data?.demo ? (
        <aside className="login-demo alert alert-warning" aria-label={t('demo.label')}>
          <p>
            <strong>{t('demo.banner')}</strong>
          </p>
          <p>{t('demo.accounts')}</p>
          <ul className="demo-accounts">
            <li>
              <code>admin</code> — {t('role.admin')}
            </li>
            <li>
              <code>mentor.dinperkim</code> — {t('role.mentor')} (Dinperkim)
            </li>
            <li>
              <code>mentor.dinkes</code> — {t('role.mentor')} (Dinkes)
            </li>
            <li>
              <code>operator.kalibaros</code> — {t('role.operator')}
            </li>
            <li>
              <code>walikota</code> — {t('role.viewer')}
            </li>
          </ul>
        </aside>
      ) : null}
    </div>
  );
}
