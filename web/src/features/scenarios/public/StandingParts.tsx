import { Progress, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { COMPONENT_NAMES, type Standing } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../../app/i18n';

/** Movement since the last round: ↑3, ↓2, – (same), 新 (not ranked then). */
export function Movement({ m }: { m: number | null }) {
  const { t } = useI18n();
  if (m === null) return <Typography.Text type="secondary">{t('新', 'new')}</Typography.Text>;
  if (m === 0) return <MinusOutlined style={{ color: '#666' }} aria-label={t('名次不变', 'unchanged')} />;
  return m > 0 ? (
    <span style={{ color: '#cf1322' }} aria-label={t(`上升 ${m} 位`, `up ${m}`)}>
      <ArrowUpOutlined />
      {m}
    </span>
  ) : (
    <span style={{ color: '#389e0d' }} aria-label={t(`下降 ${-m} 位`, `down ${-m}`)}>
      <ArrowDownOutlined />
      {-m}
    </span>
  );
}

/** The score's parts as stacked points, with the uncertainty interval: the rank explains itself. */
export function Components({ s }: { s: Pick<Standing, 'components' | 'score' | 'low' | 'high'> }) {
  const { pick, t } = useI18n();
  const colours = { expert: '#1256b0', votes: '#d4380d', replication: '#389e0d', growth: '#d48806' } as const;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      {(Object.keys(colours) as (keyof typeof colours)[]).map((k) => (
        <Tooltip key={k} title={`${pick(COMPONENT_NAMES[k])}: ${(s.components[k].value * 100).toFixed(1)}%`}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12 }}>
            <span style={{ width: 64, flex: 'none' }}>{pick(COMPONENT_NAMES[k])}</span>
            <Progress
              aria-label={pick(COMPONENT_NAMES[k])}
              percent={s.components[k].value * 100}
              showInfo={false}
              size="small"
              strokeColor={colours[k]}
              style={{ flex: 1, margin: 0 }}
            />
            <span style={{ width: 48, textAlign: 'right' }}>+{s.components[k].points.toFixed(1)}</span>
          </div>
        </Tooltip>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(
          `得分 ${s.score.toFixed(1)},95% 区间 ${s.low.toFixed(1)}–${s.high.toFixed(1)}`,
          `Score ${s.score.toFixed(1)}, 95% interval ${s.low.toFixed(1)}–${s.high.toFixed(1)}`,
        )}
      </Typography.Text>
    </Space>
  );
}
