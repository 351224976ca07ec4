import { useState } from 'react';
import { App, Button, Card, Col, Input, Row, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportReport, Region, RegionWithAncestors } from '@zhicheng/contracts';
import { api, download, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { RegionMap } from '../../components/RegionMap';
import { problemText } from '../../components/problem';
import { useImportErrors } from '../../components/ImportErrorsTable';

const LEVELS = { province: ['省', 'Province'], city: ['市', 'City'], county: ['县(市、区)', 'County'], street: ['街道(乡镇)', 'Street'], community: ['社区(村)', 'Community'] } as const;

export function RegionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const qc = useQueryClient();
  const [mapCode, setMapCode] = useState('370000');
  const [search, setSearch] = useState('');
  const [level, setLevel] = useState<string | undefined>();

  const here = useQuery({ queryKey: ['region', mapCode], queryFn: () => api.get<RegionWithAncestors>(`/api/v1/regions/${mapCode}`) });
  const list = useQuery({
    queryKey: ['regions', mapCode, search, level],
    queryFn: () => api.get<{ items: Region[] }>(`/api/v1/regions${qs({ parent: search || level ? undefined : mapCode, q: search, level, descendants: undefined })}`),
  });
  const trail = here.data ? [...here.data.ancestors, { code: here.data.code, name: here.data.name, level: here.data.level }] : [];

  const drill = (code: string) => {
    // Only the province and cities have child maps; a county is shown in the table.
    if (code === '370000' || /^37\d{2}00$/.test(code)) setMapCode(code);
  };

  const onImport = async (file: File) => {
    try {
      const r = await api.upload<ImportReport>('/api/v1/regions/import', file);
      if (r.errors.length) {
        showImportErrors(r.errors);
      } else {
        message.success(t(`已导入 ${r.imported} 个区划`, `Imported ${r.imported} regions`));
        void qc.invalidateQueries({ queryKey: ['regions'] });
      }
    } catch (e) {
      message.error(problemText(e, lang));
    }
    return false;
  };

  return (
    <div>
      <PageHeader
        title={t('行政区划', 'Regions')}
        sub={t('山东省 16 个设区市、136 个县(市、区),代码依据 GB/T 2260;街道、社区可由 Excel 批量导入', 'Shandong: 16 cities and 136 counties (GB/T 2260 codes); streets and communities can be imported from Excel')}
        extra={
          can('regions.manage') && (
            <>
              <Button icon={<DownloadOutlined />} onClick={() => void download('/api/v1/regions/import/template', 'regions-template.xlsx')}>
                {t('下载导入模板', 'Import template')}
              </Button>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => onImport(f)}>
                <Button type="primary" icon={<UploadOutlined />}>{t('导入街道社区', 'Import streets')}</Button>
              </Upload>
            </>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card title={t('区划地图', 'Map')} extra={<span style={{ color: '#888' }}>{t('点击设区市下钻', 'Click a city to drill in')}</span>}>
            <RegionMap code={mapCode} trail={trail} onDrill={(c) => drill(c)} height={560} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={here.data ? `${here.data.name} · ${t('下级区划', 'Subdivisions')}` : t('区划列表', 'Regions')}
            extra={
              <Space>
                <Select allowClear placeholder={t('级别', 'Level')} style={{ width: 120 }} value={level} onChange={setLevel} options={Object.entries(LEVELS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[0] : v[1] }))} />
                <Input.Search allowClear placeholder={t('名称、代码或别名', 'Name, code or alias')} onSearch={setSearch} style={{ width: 200 }} data-testid="region-search" />
              </Space>
            }
          >
            <Table<Region>
              data-testid="region-table"
              size="small"
              rowKey="code"
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              pagination={{ pageSize: 15, showTotal: (n) => t(`共 ${n} 条`, `${n} in all`) }}
              onRow={(r) => ({ onClick: () => drill(r.code), style: { cursor: r.childCount ? 'pointer' : 'default' } })}
              columns={[
                { title: t('代码', 'Code'), dataIndex: 'code', width: 110 },
                { title: t('名称', 'Name'), dataIndex: 'name' },
                { title: t('级别', 'Level'), dataIndex: 'level', width: 110, render: (l: keyof typeof LEVELS) => <Tag>{lang === 'zh' ? LEVELS[l][0] : LEVELS[l][1]}</Tag> },
                { title: t('下级数', 'Children'), dataIndex: 'childCount', width: 80, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
