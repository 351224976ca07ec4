import { useMemo } from 'react';
import { Button, Input, InputNumber, Space, Table, Tag, Tooltip, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { AssessmentSubmission, Indicator, IndicatorValue } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';

/**
 * The indicators of a submission with last year's value, this year's value, the stars the server rated, the
 * explanation and the evidence. What needs an explanation or evidence comes from the server's own check.
 */
export function ValuesTable({
  sub,
  indicators,
  editable,
  current,
  onChange,
  onEvidence,
}: {
  sub: AssessmentSubmission;
  indicators: Indicator[];
  editable: boolean;
  current: (code: string) => IndicatorValue | undefined;
  onChange: (code: string, patch: IndicatorValue) => void;
  onEvidence: (code: string, file: File) => void;
}) {
  const { t } = useI18n();
  const outcome = useMemo(() => new Map((sub.rating?.indicators ?? []).map((i) => [i.code, i])), [sub]);
  const evidenceBy = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of sub.evidence) m.set(e.indicatorCode, (m.get(e.indicatorCode) ?? 0) + 1);
    return m;
  }, [sub]);
  const needsExplanation = useMemo(
    () => new Set(sub.problems.filter((p) => p.path.endsWith('.explanation')).map((p) => p.path.split('.')[1])),
    [sub],
  );

  return (
    <Table<Indicator>
      size="small"
      rowKey="code"
      data-testid="indicator-table"
      dataSource={indicators}
      scroll={{ x: 1180 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
        {
          title: t('指标', 'Indicator'),
          dataIndex: 'name',
          width: 220,
          render: (v, i) => (
            <Tooltip title={i.definition}>
              <span>
                {v}
                {i.veto && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t('否决', 'veto')}
                  </Tag>
                )}
                {i.bonusPoints ? (
                  <Tag color="gold" style={{ marginLeft: 4 }}>
                    +{i.bonusPoints}
                  </Tag>
                ) : null}
              </span>
            </Tooltip>
          ),
        },
        {
          title: t('阈值 1★…5★', 'Thresholds'),
          width: 150,
          render: (_, i) => (
            <span style={{ fontSize: 12, color: '#666' }}>
              {i.direction === 'lower' ? '≤ ' : '≥ '}
              {i.thresholds.join(' / ')} {i.unit}
            </span>
          ),
        },
        { title: t('上年', 'Last year'), width: 70, render: (_, i) => sub.previousValues[i.code] ?? '—' },
        {
          title: t('本年值', 'Value'),
          width: 130,
          render: (_, i) => (
            <InputNumber
              size="small"
              aria-label={`${i.name}(${i.code})`}
              data-testid={`value-${i.code}`}
              disabled={!editable}
              value={current(i.code)?.value ?? null}
              onChange={(v) => onChange(i.code, { value: v === null ? null : Number(v) })}
              style={{ width: 110 }}
            />
          ),
        },
        { title: '★', width: 50, render: (_, i) => outcome.get(i.code)?.stars ?? 0 },
        {
          title: t('说明', 'Explanation'),
          width: 160,
          render: (_, i) => {
            const explanation = current(i.code)?.explanation ?? '';
            const asked = needsExplanation.has(i.code);
            return (
              <Input
                size="small"
                aria-label={t(`${i.name}:说明`, `${i.name}: explanation`)}
                disabled={!editable}
                status={asked && !explanation ? 'warning' : undefined}
                placeholder={asked ? t('变化较大,请说明', 'Big change: explain') : ''}
                value={explanation}
                onChange={(e) => onChange(i.code, { explanation: e.target.value })}
              />
            );
          },
        },
        {
          title: t('佐证', 'Evidence'),
          width: 120,
          render: (_, i) => (
            <Space size={4}>
              {i.evidenceRequired && !evidenceBy.get(i.code) && <Tag color="orange">{t('必传', 'required')}</Tag>}
              {evidenceBy.get(i.code) ? <Tag icon={<PaperClipOutlined />}>{evidenceBy.get(i.code)}</Tag> : null}
              {editable && (
                <Upload
                  accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx"
                  showUploadList={false}
                  beforeUpload={(f) => (onEvidence(i.code, f), false)}
                >
                  <Button size="small" type="link" data-testid={`evidence-${i.code}`}>
                    {t('上传', 'Upload')}
                  </Button>
                </Upload>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
