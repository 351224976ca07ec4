import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@zhicheng/contracts';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { useAuth } from './auth';
import { ChangePasswordModal } from './ChangePasswordModal';
import { useI18n } from './i18n';

/**
 * Where to go after signing in: back to the page that asked (only a path on this site, never another origin), or
 * for an account that only supervises, its phone task list rather than the desk dashboard.
 */
export function afterLogin(next: string | null, me: Pick<Me, 'roles'>): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) return next;
  if (me.roles.length > 0 && me.roles.every((r) => r.role === 'citizen_supervisor')) return '/supervisor/tasks';
  return '/';
}

export function LoginPage() {
  const { login } = useAuth();
  const { t, pick, lang, setLang } = useI18n();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Signed in with a one-time password: it is changed here, before the page that asked opens.
  const [forcedTo, setForcedTo] = useState<string | null>(null);
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.get<{ demo: boolean }>('/api/health') });

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const m = await login(v.username.trim(), v.password);
      const to = afterLogin(params.get('next'), m);
      if (m.mustChangePassword) setForcedTo(to);
      else nav(to, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.problem.message) : t('网络错误', 'Network error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="zc-login">
      <div className="zc-login-hero">
        <div style={{ display: 'flex', alignItems: 'center', gap: 14 }}>
          <img src="/favicon.svg" width={48} height={48} alt="" />
          <span style={{ fontSize: 30, fontWeight: 700, letterSpacing: 2 }}>{t('智城', 'Zhicheng')}</span>
        </div>
        <h1 className="zc-login-title">
          {t('山东省新型智慧城市建设管理平台', 'Shandong New-type Smart City Platform')}
        </h1>
        <div className="zc-login-blurb">
          {t(
            '评估评价 · 问需于民 · 优秀案例打榜 · 智慧社区 · 一体化算力网 · 齐鲁智脑。16个设区市、136个县(市、区)一网协同。',
            'Assessment · citizen participation · scenario rankings · smart communities · provincial compute network · city-brain hub — 16 cities and 136 counties on one platform.',
          )}
        </div>
      </div>
      <div className="zc-login-form">
        <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 40px rgba(0,0,0,.25)' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 20 }}>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
              {t('账号登录', 'Sign in')}
            </Typography.Title>
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => setLang(v as 'zh' | 'en')}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="lang-switch"
            />
          </div>
          {health.data?.demo && (
            <Alert
              style={{ marginBottom: 16 }}
              type="warning"
              showIcon
              title={t(
                '演示模式:可使用启动时打印的演示账号登录',
                'Demo mode: sign in with a demo account printed at start-up',
              )}
            />
          )}
          {params.get('expired') && !error && (
            <Alert
              style={{ marginBottom: 16 }}
              type="info"
              showIcon
              title={t('登录已过期或已退出,请重新登录', 'Your session ended; please sign in again')}
            />
          )}
          {error && (
            <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} data-testid="login-error" />
          )}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('用户名', 'Username')}
              rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('密码', 'Password')}
              rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
                data-testid="login-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
              {t('登录', 'Sign in')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            {t(
              '连续5次密码错误将锁定账号15分钟。会话闲置30分钟自动退出。',
              'Five wrong passwords lock the account for 15 minutes. Sessions end after 30 idle minutes.',
            )}
          </Typography.Paragraph>
        </Card>
      </div>
      <ChangePasswordModal
        open={forcedTo !== null}
        forced
        onClose={() => {
          if (forcedTo) nav(forcedTo, { replace: true });
        }}
      />
    </main>
  );
}
