import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { Supervisor, SupervisorListQuery } from '@zhicheng/contracts/participation';
import { useRegionFilter } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { RegionTreePicker } from '../../../components/RegionTreePicker';
import { SampleTag } from '../../../components/PageHeader';
import { useSupervisors } from '../api';
import { VetModal } from './VetModal';

const STATUS: Record<Supervisor['status'], [string, string, string]> = {
  applied: ['待审核', 'Applied', 'gold'],
  approved: ['在任', 'Approved', 'green'],
  rejected: ['未通过', 'Rejected', 'default'],
};

/** The pool: filters by status, region and occupation; each member's agreement with their panels; vetting. */
export function PoolTab() {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [f, setF] = useState<Omit<SupervisorListQuery, 'page' | 'pageSize'>>({});
  const [vet, setVet] = useState<Supervisor | null>(null);
  // The header's region (当前区划) until a region is picked here.
  const chosen = useRegionFilter();
  const q = useSupervisors({ ...f, region: f.region ?? chosen, page, pageSize: 20 });
  const filter = (patch: typeof f) => {
    setF((x) => ({ ...x, ...patch }));
    setPage(1);
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('状态', 'Status')}
          allowClear
          placeholder={t('状态', 'Status')}
          style={{ width: 130 }}
          data-testid="status-filter"
          onChange={(status: Supervisor['status'] | undefined) => filter({ status })}
          options={Object.entries(STATUS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[0] : v[1] }))}
        />
        <RegionTreePicker
          allowClear
          placeholder={t('地区(留空为当前区划)', 'Region (blank: the header’s)')}
          style={{ width: 220 }}
          value={f.region}
          onChange={(region) => filter({ region })}
        />
        <Input.Search
          allowClear
          placeholder={t('职业或账号', 'Occupation or account')}
          style={{ width: 200 }}
          onSearch={(v) => filter({ q: v || undefined })}
        />
      </Space>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        data-testid="supervisor-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (n) => t(`共 ${n} 人`, `${n} in all`),
        }}
        columns={[
          {
            title: t('姓名', 'Name'),
            dataIndex: 'nameMasked',
            width: 90,
            render: (v: string, r) => (
              <>
                {v} {r.demo && <SampleTag />}
              </>
            ),
          },
          { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 120 },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          {
            title: t('职业', 'Occupation'),
            dataIndex: 'occupation',
            width: 100,
            render: (v: string, r) => (
              <>
                {v}
                {r.media && (
                  <Tag color="magenta" style={{ marginLeft: 4 }}>
                    {t('媒体', 'media')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('年龄段', 'Age'), dataIndex: 'ageBand', width: 80 },
          {
            title: t('性别', 'Gender'),
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => (g === 'female' ? t('女', 'F') : t('男', 'M')),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Supervisor['status']) => (
              <Tag color={STATUS[s][2]}>{lang === 'zh' ? STATUS[s][0] : STATUS[s][1]}</Tag>
            ),
          },
          {
            title: t('任期', 'Term'),
            key: 'term',
            width: 190,
            render: (_: unknown, r) => (r.termStart ? `${r.termStart} ~ ${r.termEnd ?? ''}` : '—'),
          },
          {
            title: t('与小组一致度', 'Agreement'),
            dataIndex: 'agreement',
            width: 120,
            render: (v: number | null, r) =>
              v === null ? (
                '—'
              ) : (
                <>
                  {v}
                  {r.outlierCount > 0 && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {t(`偏离 ${r.outlierCount}`, `outlier ×${r.outlierCount}`)}
                    </Tag>
                  )}
                </>
              ),
          },
          {
            title: '',
            key: 'ops',
            width: 80,
            render: (_: unknown, r) =>
              r.status === 'applied' && (
                <Button size="small" type="primary" data-testid={`vet-${r.id}`} onClick={() => setVet(r)}>
                  {t('审核', 'Vet')}
                </Button>
              ),
          },
        ]}
      />
      <VetModal supervisor={vet} onClose={() => setVet(null)} />
    </Card>
  );
}
