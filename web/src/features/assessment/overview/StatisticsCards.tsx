import { Card, Col, Progress, Space, Statistic, Tag, Tooltip } from 'antd';
import type { AssessmentStatistics } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { pct, STAR_COLORS } from '../components/labels';

/** Cities and counties at ≥ 3★ and ≥ 4★, and each published target with whether it is met (as the server says). */
export function StatisticsCards({ stats }: { stats: AssessmentStatistics | undefined }) {
  const { t, pick } = useI18n();
  return (
    <>
      {(['city', 'county'] as const).map((l) => {
        const s = stats?.levels.find((x) => x.level === l);
        return ([3, 4] as const).map((n) => (
          <Col xs={12} xl={6} key={`${l}${n}`}>
            <Card size="small" data-testid={`kpi-${l}-${n}`}>
              <Statistic
                title={`${l === 'city' ? t('设区市', 'Cities') : t('县(市、区)', 'Counties')} ≥ ${n}★`}
                value={s?.atLeast[n] ?? 0}
                suffix={`/ ${s?.total ?? 0}`}
              />
              <Progress
                aria-label={`${l === 'city' ? t('设区市', 'Cities') : t('县(市、区)', 'Counties')} ≥ ${n}★`}
                percent={s?.total ? Math.round((s.atLeast[n] / s.total) * 1000) / 10 : 0}
                size="small"
                strokeColor={STAR_COLORS[n]}
              />
            </Card>
          </Col>
        ));
      })}
      <Col span={24}>
        <Card size="small" title={t('目标对照', 'Targets')}>
          <Space wrap>
            {(stats?.targets ?? []).map((tg) => (
              <Tooltip key={tg.key} title={tg.source}>
                <Tag color={tg.met ? 'green' : 'orange'} data-testid={`target-${tg.key}`}>
                  {pick(tg.label)}:{tg.count !== null ? `${tg.actual}` : pct(tg.actual)} {tg.met ? '✓' : '✗'}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        </Card>
      </Col>
    </>
  );
}
