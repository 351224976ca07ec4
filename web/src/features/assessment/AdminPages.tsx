import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popover, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentCampaign, Indicator, IndicatorCatalogueSummary } from '@zhicheng/contracts';
import { api, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useProblem } from './FillPage';
import { COEVAL_DEFAULT_DOMAIN, P, SampleHint, STAGE_NAMES, useCampaigns, useCatalogue } from './shared';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { problemText } from '../../components/problem';

function useCatalogues() {
  return useQuery({
    queryKey: ['assessment', 'catalogues'],
    queryFn: () => api.get<{ items: IndicatorCatalogueSummary[] }>('/api/v1/assessment/catalogues'),
  });
}

const ACTIONS: {
  key: 'draw_experts' | 'start_co_evaluation' | 'open_notice' | 'publish';
  zh: string;
  en: string;
  stages: AssessmentCampaign['stage'][];
}[] = [
  { key: 'draw_experts', zh: '抽取专家', en: 'Draw experts', stages: ['self_assessment', 'review', 'expert_review'] },
  {
    key: 'start_co_evaluation',
    zh: '进入监督共评',
    en: 'Start co-evaluation',
    stages: ['expert_review', 'co_evaluation'],
  },
  { key: 'open_notice', zh: '开始公示', en: 'Open public notice', stages: ['co_evaluation', 'public_notice'] },
  { key: 'publish', zh: '发布结果', en: 'Publish', stages: ['public_notice'] },
];

export function CampaignsPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const cats = useCatalogues();
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm();

  const act = async (c: AssessmentCampaign, action: (typeof ACTIONS)[number]['key']) => {
    try {
      await api.post(`/api/v1/assessment/campaigns/${c.id}/actions/${action}`, {});
      message.success(t('操作成功', 'Done'));
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      showProblem(e);
    }
  };
  const openCampaign = async () => {
    const v = await form.validateFields();
    // Untouched, the choice is the 数字惠民 default, which the server applies itself (even before the catalogues load here).
    if (!form.isFieldTouched('coEvaluationIndicators')) delete v.coEvaluationIndicators;
    try {
      await api.post('/api/v1/assessment/campaigns', { ...v, deadlines: {} });
      message.success(t('评估活动已开启', 'Campaign opened'));
      setOpening(false);
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      showProblem(e);
    }
  };
  // 监督共评 indicators: chosen from the selected catalogues, defaulting to the citizen-facing 数字惠民 domain.
  const cityCatId = Form.useWatch('cityCatalogueId', form) as string | null | undefined;
  const countyCatId = Form.useWatch('countyCatalogueId', form) as string | null | undefined;
  const cityCat = useCatalogue(opening ? cityCatId : null);
  const countyCat = useCatalogue(opening ? countyCatId : null);
  const chosenCats = [cityCatId ? cityCat.data : undefined, countyCatId ? countyCat.data : undefined].filter(
    (c) => !!c,
  );
  const coevalOptions = chosenCats.flatMap((c) =>
    c.indicators
      .filter((i) => !i.bonusPoints)
      .map((i) => ({ value: i.code, label: `${i.code} ${i.name}(${i.domain})` })),
  );
  const defaultCoeval = chosenCats
    .flatMap((c) => c.indicators.filter((i) => i.domain === COEVAL_DEFAULT_DOMAIN).map((i) => i.code))
    .join(',');
  useEffect(() => {
    if (opening && !form.isFieldTouched('coEvaluationIndicators'))
      form.setFieldValue('coEvaluationIndicators', defaultCoeval ? defaultCoeval.split(',') : []);
  }, [opening, defaultCoeval, form]);
  const catOptions = (level: string) =>
    (cats.data?.items ?? [])
      .filter((c) => c.level === level)
      .map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }));

  return (
    <div>
      <PageHeader
        title={t('评估活动', 'Campaigns')}
        sub={t(
          '自评填报 → 市级审核 → 省级审核 → 专家评审 → 监督共评 → 公示 → 发布',
          'Self-assessment → city → province → experts → co-evaluation → notice → publish',
        )}
        extra={
          can(P.campaignManage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('开启年度评估', 'Open a campaign')}
            </Button>
          )
        }
      />
      <Table<AssessmentCampaign>
        rowKey="id"
        data-testid="campaign-table"
        loading={campaigns.isLoading}
        dataSource={campaigns.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
          {
            title: t('名称', 'Name'),
            dataIndex: 'name',
            render: (v, c) => (
              <>
                {v} <SampleHint sample={c.sample} />
              </>
            ),
          },
          {
            title: t('阶段', 'Stage'),
            dataIndex: 'stage',
            width: 110,
            render: (s: AssessmentCampaign['stage']) => (
              <Tag color={s === 'published' ? 'green' : 'blue'} data-testid="campaign-stage">
                {pick(STAGE_NAMES[s])}
              </Tag>
            ),
          },
          {
            title: t('进度', 'Progress'),
            render: (_, c) => (
              <Space wrap size={2}>
                {Object.entries(c.counts).map(([k, n]) => (
                  <Tag key={k}>
                    {k}: {n}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('截止日期', 'Deadlines'),
            width: 170,
            render: (_, c) => (
              <span style={{ fontSize: 12 }}>
                {c.deadlines.selfAssessment && (
                  <div>
                    {t('自评', 'Self')} {c.deadlines.selfAssessment}
                  </div>
                )}
                {c.deadlines.cityApproval && (
                  <div>
                    {t('市审', 'City')} {c.deadlines.cityApproval}
                  </div>
                )}
                {c.deadlines.provinceApproval && (
                  <div>
                    {t('省审', 'Province')} {c.deadlines.provinceApproval}
                  </div>
                )}
                {c.noticeEndsAt && (
                  <div>
                    {t('公示至', 'Notice to')} {c.noticeEndsAt.slice(0, 10)}
                  </div>
                )}
              </span>
            ),
          },
          {
            title: t('监督共评指标', 'Co-evaluation indicators'),
            width: 130,
            render: (_, c) => (
              <Popover
                title={t('列入监督共评的指标', 'Indicators assigned to co-evaluation')}
                content={
                  <div style={{ maxWidth: 360 }}>
                    {c.coEvaluationIndicators.length ? (
                      <Space wrap size={2}>
                        {c.coEvaluationIndicators.map((code) => (
                          <Tag key={code}>{code}</Tag>
                        ))}
                      </Space>
                    ) : (
                      t('未指定(不可核验指标)', 'None (no indicator can be verified)')
                    )}
                  </div>
                }
              >
                <Tag color="geekblue" data-testid={`coeval-indicators-${c.year}`}>
                  {t(`${c.coEvaluationIndicators.length} 项`, `${c.coEvaluationIndicators.length}`)}
                </Tag>
              </Popover>
            ),
          },
          { title: t('专家抽取种子', 'Draw seed'), dataIndex: 'expertSeed', width: 120 },
          {
            title: t('操作', 'Actions'),
            width: 320,
            render: (_, c) =>
              can(P.campaignManage) && (
                <Space wrap size={4}>
                  {ACTIONS.filter((a) => a.stages.includes(c.stage)).map((a) => (
                    <Button
                      key={a.key}
                      size="small"
                      onClick={() => void act(c, a.key)}
                      data-testid={`action-${a.key}-${c.year}`}
                    >
                      {t(a.zh, a.en)}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={opening}
        title={t('开启年度评估', 'Open a campaign')}
        onCancel={() => setOpening(false)}
        onOk={() => void openCampaign()}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            year: new Date().getFullYear(),
            expertsPerSubmission: 3,
            noticeDays: 7,
            cityCatalogueId: catOptions('city')[0]?.value ?? null,
            countyCatalogueId: catOptions('county')[0]?.value ?? null,
          }}
        >
          <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="cityCatalogueId" label={t('城市指标体系', 'City catalogue')}>
            <Select allowClear options={catOptions('city')} />
          </Form.Item>
          <Form.Item name="countyCatalogueId" label={t('县级指标体系', 'County catalogue')}>
            <Select allowClear options={catOptions('county')} />
          </Form.Item>
          <Form.Item
            name="coEvaluationIndicators"
            label={t('监督共评指标(默认:数字惠民)', 'Co-evaluation indicators (default: 数字惠民, citizen services)')}
            extra={t(
              '市民监督员与媒体仅可核验这些指标',
              'Citizen supervisors and media can verify only these indicators',
            )}
          >
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              maxTagCount="responsive"
              options={coevalOptions}
              data-testid="coeval-indicators-select"
            />
          </Form.Item>
          <Form.Item name="expertsPerSubmission" label={t('每份抽取专家数', 'Experts per submission')}>
            <InputNumber min={1} max={9} />
          </Form.Item>
          <Form.Item name="noticeDays" label={t('公示天数', 'Notice days')}>
            <InputNumber min={0} max={60} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

export function CataloguesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const qc = useQueryClient();
  const cats = useCatalogues();
  const [id, setId] = useState<string | null>(null);
  const sel = id ?? cats.data?.items[0]?.id ?? null;
  const cat = useCatalogue(sel);
  const [domain, setDomain] = useState<string | undefined>();
  const summary = cats.data?.items.find((c) => c.id === sel);

  const importXlsx = async (file: File) => {
    if (!sel) return false;
    try {
      const r = await api.upload<{
        catalogue: IndicatorCatalogueSummary | null;
        errors: { row: number; field: string; message: string }[];
      }>(`/api/v1/assessment/catalogues/${sel}/import`, file);
      if (r.errors.length) {
        showImportErrors(r.errors);
      } else {
        message.success(t(`已生成新版本 v${r.catalogue!.version}`, `New version v${r.catalogue!.version}`));
        await qc.invalidateQueries({ queryKey: ['assessment', 'catalogues'] });
        setId(r.catalogue!.id);
      }
    } catch (e) {
      message.error(problemText(e, lang));
    }
    return false;
  };

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
                  void download(
                    `/api/v1/assessment/catalogues/${sel}/export`,
                    `catalogue-${summary.key}-v${summary.version}.xlsx`,
                  )
                }
              >
                {t('导出/模板', 'Export')}
              </Button>
            )}
            {can(P.catalogueManage) && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => importXlsx(f)}>
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
              allowClear
              placeholder={t('一级指标', 'Domain')}
              style={{ width: 160 }}
              value={domain}
              onChange={setDomain}
              options={[...new Set(cat.data.indicators.map((i) => i.domain))].map((d) => ({ value: d, label: d }))}
            />
          }
        >
          <div style={{ marginBottom: 8, fontSize: 12, color: '#666' }}>
            {t('定级规则', 'Rule')}:{' '}
            {t(
              `达到N星的基础指标权重 ≥ ${cat.data.policy.threshold * 100}%;${cat.data.policy.subGradeLevel}星 ≥ ${cat.data.policy.subGradeSplit * 100}% 为成长型(示例);加分封顶 ${cat.data.policy.bonusCap};${cat.data.policy.bonusCountsForLevel ? '加分计入定级' : '加分仅计入排名'};同比变化超 ${cat.data.policy.yoyJumpPct}% 须说明`,
              `N★ when indicators at ≥N★ carry ≥${cat.data.policy.threshold * 100}% of weight; growth at ${cat.data.policy.subGradeLevel}★ from ${cat.data.policy.subGradeSplit * 100}% (sample); bonus cap ${cat.data.policy.bonusCap}`,
            )}
          </div>
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
