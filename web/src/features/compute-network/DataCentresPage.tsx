import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import {
  COMPUTE_PERMISSIONS as P,
  DataCentreInput,
  DataCentreStatus,
  type DataCentreSummary,
} from '@zhicheng/contracts/compute-network';
import { useProvince } from '../../api/province';
import { useAuth, useRegionFilter } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCentres, useCreateCentre, useModels, useOperators, useRegionList, useZones } from './api';
import { fmt, ZoneTag } from './common';
import { contractRule } from './forms';

const rule = (field: keyof typeof DataCentreInput.shape) => contractRule(DataCentreInput.shape[field]);

export default function DataCentresPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const province = useProvince();
  const [q, setQ] = useState('');
  const [cityCode, setCity] = useState<string>();
  const [zoneId, setZone] = useState<string>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DataCentreInput>();
  // A city picked here narrows the header's region (当前区划); without one the page shows the header's region.
  const region = useRegionFilter();
  const list = useCentres({ q, cityCode: cityCode ?? region, zoneId, page, pageSize: 20 });
  const zones = useZones();
  const cities = useRegionList({ parent: province?.code });
  const counties = useRegionList({ level: 'county' }, open);
  const models = useModels(open);
  const operators = useOperators(open && can(P.manage));
  const createCentre = useCreateCentre();

  const create = (v: DataCentreInput) =>
    createCentre.mutate(
      {
        ...v,
        zoneId: v.zoneId ?? null,
        inventory: (v.inventory ?? []).map((i) => ({ ...i, clusterName: i.clusterName || null })),
      },
      {
        onSuccess: (r) => {
          setOpen(false);
          nav(`/compute/data-centres/${r.id}`);
        },
      },
    );

  return (
    <div>
      <PageHeader
        title={t('数据中心登记', 'Data-centre registry')}
        sub={t(
          '标准机架按 2.5 kW 折算;算力由设备清单 × 型号峰值计算(通用 FP32、智能 FP16/BF16、超算 FP64)',
          'Standard racks are 2.5 kW equivalents; compute = inventory × model peak (general FP32, AI FP16/BF16, supercomputing FP64)',
        )}
        extra={
          can(P.manage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('登记数据中心', 'Register a centre')}
            </Button>
          )
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('设区市', 'City')}
              allowClear
              style={{ width: 120 }}
              placeholder={t('设区市', 'City')}
              value={cityCode}
              onChange={(v) => {
                setCity(v);
                setPage(1);
              }}
              options={(cities.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
            <Select
              aria-label={t('分区', 'Zone')}
              allowClear
              style={{ width: 160 }}
              placeholder={t('分区', 'Zone')}
              value={zoneId}
              onChange={(v) => {
                setZone(v);
                setPage(1);
              }}
              options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.name }))}
            />
            <Input.Search
              allowClear
              placeholder={t('名称', 'Name')}
              style={{ width: 200 }}
              onSearch={(v) => {
                setQ(v);
                setPage(1);
              }}
              data-testid="centre-search"
            />
          </Space>
        }
      >
        <Table<DataCentreSummary>
          data-testid="centre-table"
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t(`共 ${n} 个`, `${n} in all`),
          }}
          onRow={(r) => ({ onClick: () => nav(`/compute/data-centres/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (n, r) => (
                <>
                  {n} {r.simulated && <SampleTag en={lang === 'en'} />}
                </>
              ),
            },
            { title: t('运营单位', 'Operator'), dataIndex: 'operatorName' },
            { title: t('区县', 'County'), key: 'c', render: (_, r) => `${r.cityName} ${r.countyName}` },
            { title: t('分区', 'Zone'), dataIndex: 'zoneType', render: (z) => <ZoneTag type={z} /> },
            {
              title: t('设计/在用机架', 'Racks design/in use'),
              key: 'r',
              align: 'right',
              render: (_, r) => `${fmt(r.designRacks, 0)} / ${fmt(r.racksInUse, 0)}`,
            },
            { title: 'PFLOPS', dataIndex: 'totalPflops', align: 'right', render: (v) => fmt(v, 1) },
            {
              title: t('智能 PFLOPS', 'AI PFLOPS'),
              dataIndex: 'intelligentPflops',
              align: 'right',
              render: (v) => fmt(v, 1),
            },
            { title: t('最近月报', 'Last report'), dataIndex: 'lastReportPeriod' },
          ]}
        />
      </Card>
      <Modal
        open={open}
        width={880}
        title={t('登记数据中心', 'Register a data centre')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{
            status: 'operating',
            designPue: 1.3,
            lng: 117.0,
            lat: 36.65,
            storagePb: 0,
            powerCapacityKw: 0,
            inventory: [],
          }}
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="operatorOrganisationId" label={t('运营单位', 'Operator')} rules={[{ required: true }]}>
                <Select options={(operators.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="address" label={t('地址', 'Address')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="lng" label={t('经度', 'Longitude')} rules={[{ required: true }, rule('lng')]}>
                <InputNumber style={{ width: '100%' }} step={0.01} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="lat" label={t('纬度', 'Latitude')} rules={[{ required: true }, rule('lat')]}>
                <InputNumber style={{ width: '100%' }} step={0.01} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="countyCode" label={t('区县', 'County')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={(counties.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name} ${c.code}` }))}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="zoneId" label={t('分区', 'Zone')}>
                <Select allowClear options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.name }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="status" label={t('状态', 'Status')}>
                <Select options={DataCentreStatus.options.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="designRacks"
                label={t('设计标准机架', 'Design racks')}
                rules={[{ required: true }, rule('designRacks')]}
              >
                <InputNumber style={{ width: '100%' }} precision={0} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="powerCapacityKw" label={t('电力容量 kW', 'Power kW')} rules={[rule('powerCapacityKw')]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="designPue" label={t('设计 PUE', 'Design PUE')} rules={[rule('designPue')]}>
                <InputNumber style={{ width: '100%' }} step={0.01} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="storagePb" label={t('存储 PB', 'Storage PB')} rules={[rule('storagePb')]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="inventory">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 110 }}
                        options={[
                          { value: 'general', label: t('通用', 'General') },
                          { value: 'intelligent', label: t('智能', 'AI') },
                          { value: 'supercomputing', label: t('超算', 'Super') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'modelId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 300 }}
                        showSearch
                        optionFilterProp="label"
                        options={(models.data?.items ?? []).map((m) => ({
                          value: m.id,
                          label: `${m.vendor} ${m.name}`,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'count']} rules={[{ required: true }]}>
                      <InputNumber min={1} precision={0} placeholder={t('数量', 'Count')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'clusterName']}>
                      <Input placeholder={t('集群名(可选)', 'Cluster (optional)')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ kind: 'intelligent', count: 8 })} icon={<PlusOutlined />}>
                  {t('添加设备', 'Add devices')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
