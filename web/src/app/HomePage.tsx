import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ROLE_NAMES, type Region } from '@zhicheng/contracts';
import dayjs from 'dayjs';
import { api } from '../api/client';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import type { FeatureDefinition } from './feature';
import { FEATURES } from './features';
import { TodoList, useTodos } from './todos';

export function HomePage() {
  const { me } = useAuth();
  const { t, pick } = useI18n();
  const todos = useTodos();
  const counties = useQuery({
    queryKey: ['regions', 'county'],
    queryFn: () => api.get<{ items: Region[] }>('/api/v1/regions?level=county'),
  });
  const cities = useQuery({
    queryKey: ['regions', 'city'],
    queryFn: () => api.get<{ items: Region[] }>('/api/v1/regions?level=city'),
  });
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t(`您好,${me?.displayName ?? ''}`, `Welcome, ${me?.displayName ?? ''}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {me?.roles.map((r) => (
          <Tag key={r.role + r.regionCode} color="blue">
            {r.regionName} · {pick(ROLE_NAMES[r.role])}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('设区市', 'Cities')} value={cities.data?.items.length ?? '-'} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('县(市、区)', 'Counties')} value={counties.data?.items.length ?? '-'} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('已上线模块', 'Modules live')}
              value={FEATURES.filter((f) => !f.underConstruction).length}
              suffix={`/ ${FEATURES.length}`}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('会话到期', 'Session ends')}
              value={me ? dayjs(me.session.idleExpiresAt).format('HH:mm') : '-'}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('我的待办', 'My to-dos')} size="small" style={{ marginBottom: 16 }} data-testid="todo-card">
        <TodoList items={todos} />
      </Card>
      <Row gutter={[16, 16]}>
        {openable(FEATURES, me?.permissions ?? []).map(({ f, path }) => (
          <Col xs={24} sm={12} lg={6} key={f.key}>
            <Link to={path}>
              <Card
                hoverable
                size="small"
                title={
                  <span>
                    {f.icon} {pick(f.group)}
                  </span>
                }
                extra={
                  f.underConstruction ? (
                    <Tag>{t('建设中', 'Planned')}</Tag>
                  ) : (
                    <Tag color="green">{t('已上线', 'Live')}</Tag>
                  )
                }
              >
                <Typography.Text type="secondary">
                  {f.summary ? pick(f.summary) : f.nav.map((n) => pick(n.label)).join(' · ')}
                </Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}

/**
 * The modules a dashboard card may lead to: each with the first of its pages this account may open (a module
 * whose every page needs a permission the account lacks gets no card).
 */
export function openable(features: readonly FeatureDefinition[], permissions: readonly string[]) {
  return features.flatMap((f) => {
    const n = f.nav.find((x) => !x.permissions || x.permissions.some((p) => permissions.includes(p)));
    return n ? [{ f, path: n.path }] : [];
  });
}

export function PlannedPage({ title }: { title: { zh: string; en: string } }) {
  const { t, pick } = useI18n();
  return (
    <Card>
      <Typography.Title level={4}>{pick(title)}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('该模块正在建设中,敬请期待。', 'This module is being built.')}
      </Typography.Paragraph>
    </Card>
  );
}
