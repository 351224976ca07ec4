import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ASSESSMENT_PERMISSIONS as P, type Indicator, type RatingPolicy } from '@zhicheng/contracts/assessment';
import { download } from '../../api/client';
import { useProblemHandler } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { PageHeader } from '../../components/PageHeader';
import { catalogueExportUrl, useCatalogue, useCatalogues, useImportCatalogue } from './api';
import { SampleHint } from './components/labels';

/** 指标体系: catalogue versions; an edited Excel becomes a new version, a version in use never changes. */
export default function CataloguesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const problem = useProblemHandler();
  const showImportErrors = useImportErrors();
  const cats = useCatalogues();
  const [id, setId] = useState<string | null>(null);
  const sel = id ?? cats.data?.items[0]?.id ?? null;
  const cat = useCatalogue(sel);
  const importCatalogue = useImportCatalogue();
  const [domain, setDomain] = useState<string | undefined>();
  const summary = cats.data?.items.find((c) => c.id === sel);
  const indicators = (cat.data?.indicators ?? []).filter((i) => !domain || i.domain === domain);

  return (
    <div>
      <PageHeader
        title={t('指标体系', 'Indicator catalogues')}
        sub={t(
          '按 DB37/T 3890 与 GB/T 33356-2022 结构;未公开的阈值与权重标注为示例;被评估活动使用的版本不可修改',
          'Shaped on DB37/T 3890 and GB/T 33356-2022; unpublished thresholds and weights are samples; versions in use are immutable',
        )}
        extra={
          <>
            <Select
              aria-label={t('指标体系版本', 'Catalogue version')}
              style={{ width: 380 }}
              value={sel ?? undefined}
              onChange={setId}
              options={(cats.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} v${c.version}${c.locked ? ' 🔒' : ''}`,
              }))}
            />
            {sel && summary && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void download(catalogueExportUrl(sel), `catalogue-${summary.key}-v${summary.version}.xlsx`).catch(
                    problem,
                  )
                }
              >
                {t('导出/模板', 'Export')}
              </Button>
            )}
            {can(P.catalogueManage) && sel && (
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  importCatalogue.mutate(
                    { fromId: sel, file },
                    {
                      onSuccess: (r) => (r.catalogue ? setId(r.catalogue.id) : showImportErrors(r.errors)),
                    },
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>{t('导入为新版本', 'Import as new version')}</Button>
              </Upload>
            )}
          </>
        }
      />
      {cat.data && (
        <Card
          size="small"
          title={
            <Space>
              {cat.data.standard} ·{' '}
              {t(`${cat.data.indicators.length} 项指标`, `${cat.data.indicators.length} indicators`)}{' '}
              <SampleHint sample={cat.data.indicators.some((i) => i.sample)} />
            </Space>
          }
          extra={
            <Select
              aria-label={t('一级指标', 'Domain')}
              allowClear
              placeholder={t('一级指标', 'Domain')}
              style={{ width: 160 }}
              value={domain}
              onChange={setDomain}
              options={[...new Set(cat.data.indicators.map((i) => i.domain))].map((d) => ({ value: d, label: d }))}
            />
          }
        >
          <PolicyLine policy={cat.data.policy} />
          <Table<Indicator>
            size="small"
            rowKey="code"
            dataSource={indicators}
            pagination={{ pageSize: 25 }}
            columns={[
              { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
              { title: t('一级', 'Domain'), dataIndex: 'domain', width: 90 },
              { title: t('二级指标', 'Indicator'), dataIndex: 'name' },
              { title: t('单位', 'Unit'), dataIndex: 'unit', width: 60 },
              {
                title: t('方向', 'Direction'),
                dataIndex: 'direction',
                width: 70,
                render: (d) => (d === 'lower' ? t('越低越好', 'lower') : t('越高越好', 'higher')),
              },
              {
                title: t('阈值 1★…5★', 'Thresholds'),
                width: 170,
                render: (_, i) => (
                  <>
                    {i.thresholds.join(' / ')} {i.sample && <SampleHint sample />}
                  </>
                ),
              },
              { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70 },
              {
                title: t('标记', 'Flags'),
                width: 150,
                render: (_, i) => (
                  <Space size={2}>
                    {i.veto && <Tag color="red">{t('一票否决', 'veto')}</Tag>}
                    {i.bonusPoints ? (
                      <Tag color="gold">
                        {t('加分', 'bonus')} +{i.bonusPoints}
                      </Tag>
                    ) : null}
                    {i.evidenceRequired && <Tag>{t('需佐证', 'evidence')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

/** The catalogue's rating policy in words (the numbers are the catalogue's own). */
function PolicyLine({ policy: p }: { policy: RatingPolicy }) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 8, fontSize: 12, color: '#666' }}>
      {t('定级规则', 'Rule')}:{' '}
      {t(
        `达到N星的基础指标权重 ≥ ${p.threshold * 100}%;${p.subGradeLevel}星 ≥ ${p.subGradeSplit * 100}% 为成长型(示例);加分封顶 ${p.bonusCap};${p.bonusCountsForLevel ? '加分计入定级' : '加分仅计入排名'};同比变化超 ${p.yoyJumpPct}% 须说明`,
        `N★ when indicators at ≥N★ carry ≥${p.threshold * 100}% of weight; growth at ${p.subGradeLevel}★ from ${p.subGradeSplit * 100}% (sample); bonus cap ${p.bonusCap}`,
      )}
    </div>
  );
}
