import { useEffect, useState } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { REGION_PERMISSIONS, type Region, type RegionLevel } from '@zhicheng/contracts';
import { download } from '../../api/client';
import { useProvince } from '../../api/province';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { RegionMap } from '../../components/RegionMap';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { IMPORT_TEMPLATE_URL, useImportRegions, useRegion, useRegions } from './api';

const LEVELS = {
  province: ['省', 'Province'],
  city: ['市', 'City'],
  county: ['县(市、区)', 'County'],
  street: ['街道(乡镇)', 'Street'],
  community: ['社区(村)', 'Community'],
} as const;

export default function RegionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const province = useProvince();
  const showImportErrors = useImportErrors();
  const [mapCode, setMapCode] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [level, setLevel] = useState<RegionLevel | undefined>();
  useEffect(() => {
    if (province && !mapCode) setMapCode(province.code);
  }, [province, mapCode]);
  const root = mapCode ?? province?.code ?? '';

  const here = useRegion(root);
  const list = useRegions({ parent: search || level ? undefined : root, q: search, level });
  const importRegions = useImportRegions();
  const trail = here.data
    ? [...here.data.ancestors, { code: here.data.code, name: here.data.name, level: here.data.level }]
    : [];

  // Only the province and its cities have child maps (their codes end in 00); a county is shown in the table.
  const drill = (r: Pick<Region, 'code' | 'level'>) => {
    if (r.level === 'province' || r.level === 'city') setMapCode(r.code);
  };

  const onImport = (file: File) => {
    importRegions.mutate(file, { onSuccess: (r) => r.errors.length && showImportErrors(r.errors) });
    return false;
  };

  return (
    <div>
      <PageHeader
        title={t('行政区划', 'Regions')}
        sub={t(
          `${province?.name ?? ''}设区市、县(市、区),代码依据 GB/T 2260;街道、社区可由 Excel 批量导入`,
          'Cities and counties (GB/T 2260 codes); streets and communities can be imported from Excel',
        )}
        extra={
          can(REGION_PERMISSIONS.manage) && (
            <>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(IMPORT_TEMPLATE_URL, 'regions-template.xlsx')}
              >
                {t('下载导入模板', 'Import template')}
              </Button>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => onImport(f)}>
                <Button type="primary" icon={<UploadOutlined />} loading={importRegions.isPending}>
                  {t('导入街道社区', 'Import streets')}
                </Button>
              </Upload>
            </>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            title={t('区划地图', 'Map')}
            extra={<span style={{ color: '#666' }}>{t('点击设区市下钻', 'Click a city to drill in')}</span>}
          >
            {root && (
              <RegionMap
                code={root}
                trail={trail}
                onDrill={(code) => code.endsWith('00') && setMapCode(code)}
                height={560}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={here.data ? `${here.data.name} · ${t('下级区划', 'Subdivisions')}` : t('区划列表', 'Regions')}
            extra={
              <Space>
                <Select
                  aria-label={t('级别', 'Level')}
                  allowClear
                  placeholder={t('级别', 'Level')}
                  style={{ width: 120 }}
                  value={level}
                  onChange={setLevel}
                  options={Object.entries(LEVELS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[0] : v[1] }))}
                />
                <Input.Search
                  allowClear
                  placeholder={t('名称、代码或别名', 'Name, code or alias')}
                  onSearch={setSearch}
                  style={{ width: 200 }}
                  data-testid="region-search"
                />
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
              onRow={(r) => ({ onClick: () => drill(r), style: { cursor: r.childCount ? 'pointer' : 'default' } })}
              columns={[
                { title: t('代码', 'Code'), dataIndex: 'code', width: 110 },
                { title: t('名称', 'Name'), dataIndex: 'name' },
                {
                  title: t('级别', 'Level'),
                  dataIndex: 'level',
                  width: 110,
                  render: (l: keyof typeof LEVELS) => <Tag>{lang === 'zh' ? LEVELS[l][0] : LEVELS[l][1]}</Tag>,
                },
                { title: t('下级数', 'Children'), dataIndex: 'childCount', width: 80, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
