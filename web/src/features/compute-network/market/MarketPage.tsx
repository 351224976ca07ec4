import { useState } from 'react';
import { Button, Card, Descriptions, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { COMPUTE_PERMISSIONS as P, type Offer, type RankedOffer } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, SampleTag } from '../../../components/PageHeader';
import { fmt, ZoneTag } from '../common';
import { useOffers, useRank, useThroughputs, yuan } from './api';
import { OfferForm } from './OfferForm';
import { OrderModal } from './OrderModal';

const BILLING: Record<Offer['billing'], [string, string]> = {
  on_demand: ['按需', 'On demand'],
  monthly: ['包月', 'Monthly'],
  reserved: ['预留', 'Reserved'],
};

/** 算力超市: search and compare offers, rank them for a described workload, order; a centre publishes its own. */
export default function MarketPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState<string>();
  const [vendor, setVendor] = useState<string>();
  const [domestic, setDomestic] = useState<'true' | 'false'>();
  const [sort, setSort] = useState<'price' | 'cards' | 'newest'>('price');
  const [page, setPage] = useState(1);
  const [compare, setCompare] = useState<string[]>([]);
  const [showCompare, setShowCompare] = useState(false);
  const [ordering, setOrdering] = useState<Offer | null>(null);
  const offers = useOffers({ q, vendor, domestic, sort, page, pageSize: 15 });
  const families = useThroughputs();
  const rank = useRank();
  const [family, setFamily] = useState<string>();
  const [cards, setCards] = useState(1);
  const [steps, setSteps] = useState(100_000);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [budget, setBudget] = useState<number | null>(null);
  const [voucherOnly, setVoucherOnly] = useState(false);
  const billing = (b: Offer['billing']) => BILLING[b][lang === 'zh' ? 0 : 1];
  const items = offers.data?.items ?? [];
  const compared = items.filter((o) => compare.includes(o.id));

  return (
    <div>
      <PageHeader
        title={t('算力超市', 'Compute supermarket')}
        sub={t(
          '省内数据中心上架智算资源;按负载的有效成本(单价 ÷ 该负载在该加速卡上的吞吐)比选,下单、确认、计量、结算全程留痕',
          'In-province centres offer AI compute; offers are compared by effective cost (price ÷ the workload’s throughput on the card); every order step is audited',
        )}
      />
      {can(P.offer) && <OfferForm />}
      <Card
        title={t('按负载比选(有效成本排序)', 'Rank for a workload (effective cost)')}
        style={{ marginBottom: 12 }}
        data-testid="rank-card"
      >
        <Space wrap>
          <Select
            aria-label={t('模型/负载类型', 'Model family')}
            data-testid="rank-family"
            showSearch
            style={{ width: 280 }}
            placeholder={t('模型/负载类型', 'Model family')}
            value={family}
            onChange={setFamily}
            options={(families.data?.families ?? []).map((f) => ({ value: f, label: f }))}
          />
          <InputNumber
            aria-label={t('卡数', 'Cards')}
            data-testid="rank-cards"
            min={1}
            max={10_000}
            value={cards}
            onChange={(v) => setCards(v ?? 1)}
            addonBefore={t('卡数', 'Cards')}
          />
          <InputNumber
            aria-label={t('训练步数', 'Steps')}
            data-testid="rank-steps"
            min={1}
            value={steps}
            onChange={(v) => setSteps(v ?? 1)}
            addonBefore={t('训练步数', 'Steps')}
            style={{ width: 220 }}
          />
          <InputNumber
            aria-label={t('期限(小时)', 'Deadline (h)')}
            min={0.1}
            value={deadline}
            onChange={setDeadline}
            addonBefore={t('期限(小时)', 'Deadline (h)')}
          />
          <InputNumber
            aria-label={t('预算(元)', 'Budget (¥)')}
            min={0}
            value={budget}
            onChange={setBudget}
            addonBefore={t('预算(元)', 'Budget (¥)')}
          />
          <Space>
            <Switch
              aria-label={t('仅可用算力券', 'Voucher-eligible only')}
              checked={voucherOnly}
              onChange={setVoucherOnly}
            />
            {t('仅可用算力券', 'Voucher-eligible only')}
          </Space>
          <Button
            type="primary"
            data-testid="rank-go"
            disabled={!family}
            loading={rank.isPending}
            onClick={() =>
              family &&
              rank.mutate({
                family,
                cards,
                steps,
                deadlineHours: deadline ?? undefined,
                budgetFen: budget === null ? undefined : Math.round(budget * 100),
                voucherOnly,
              })
            }
          >
            {t('比选', 'Rank')}
          </Button>
        </Space>
        {rank.data && (
          <Table<RankedOffer>
            data-testid="rank-table"
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(r) => r.offer.id}
            dataSource={rank.data.items}
            pagination={false}
            columns={[
              {
                title: t('数据中心', 'Centre'),
                key: 'c',
                render: (_, r) => (
                  <>
                    {r.offer.dataCentreName} {r.offer.simulated && <SampleTag en={lang === 'en'} />}
                  </>
                ),
              },
              { title: t('加速卡', 'Accelerator'), key: 'm', render: (_, r) => r.offer.modelName },
              { title: t('步/秒', 'Steps/s'), dataIndex: 'stepsPerSecond', align: 'right', render: (v) => fmt(v, 2) },
              { title: t('用时(小时)', 'Hours'), dataIndex: 'hours', align: 'right', render: (v) => fmt(v, 1) },
              {
                title: t('每千步成本', 'Per 1k steps'),
                dataIndex: 'effectiveFenPer1kSteps',
                align: 'right',
                render: (v: number) => yuan(Math.round(v)),
              },
              { title: t('总成本', 'Total'), dataIndex: 'costFen', align: 'right', render: (v) => yuan(v) },
              {
                title: t('可行', 'Feasible'),
                key: 'ok',
                render: (_, r) => (
                  <Space size={2}>
                    {!r.meetsDeadline && <Tag color="error">{t('超期', 'Late')}</Tag>}
                    {!r.withinBudget && <Tag color="warning">{t('超预算', 'Over budget')}</Tag>}
                    {r.meetsDeadline && r.withinBudget && <Tag color="success">{t('满足', 'OK')}</Tag>}
                    {r.offer.voucherEligible && <Tag color="blue">{t('可用券', 'Voucher')}</Tag>}
                  </Space>
                ),
              },
              ...(can(P.order)
                ? [
                    {
                      title: '',
                      key: 'o',
                      render: (_: unknown, r: RankedOffer) => (
                        <Button size="small" onClick={() => setOrdering(r.offer)}>
                          {t('下单', 'Order')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {rank.data && rank.data.unrated.length > 0 && (
          <div style={{ marginTop: 8, color: '#666', fontSize: 12 }}>
            {t('吞吐表中无该负载数据、未参与排序的型号:', 'Not ranked (no throughput figure): ')}
            {rank.data.unrated.join(', ')}
          </div>
        )}
      </Card>
      <Card
        title={t('算力商品', 'Offers')}
        extra={
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('中心/型号/运营方', 'Centre, model or supplier')}
              style={{ width: 200 }}
              onSearch={(v) => {
                setQ(v || undefined);
                setPage(1);
              }}
            />
            <Select
              aria-label={t('厂商', 'Vendor')}
              allowClear
              style={{ width: 120 }}
              placeholder={t('厂商', 'Vendor')}
              value={vendor}
              onChange={(v) => {
                setVendor(v);
                setPage(1);
              }}
              options={['NVIDIA', 'Huawei', 'Hygon', 'Cambricon', 'Kunlunxin'].map((v) => ({ value: v, label: v }))}
            />
            <Select
              aria-label={t('国产/进口', 'Origin')}
              allowClear
              style={{ width: 120 }}
              placeholder={t('国产/进口', 'Origin')}
              value={domestic}
              onChange={(v) => {
                setDomestic(v);
                setPage(1);
              }}
              options={[
                { value: 'true', label: t('国产', 'Domestic') },
                { value: 'false', label: t('进口', 'Imported') },
              ]}
            />
            <Select
              aria-label={t('排序', 'Sort')}
              style={{ width: 120 }}
              value={sort}
              onChange={setSort}
              options={[
                { value: 'price', label: t('价格最低', 'Cheapest') },
                { value: 'cards', label: t('卡数最多', 'Most cards') },
                { value: 'newest', label: t('最新上架', 'Newest') },
              ]}
            />
            <Button data-testid="compare-go" disabled={compared.length < 2} onClick={() => setShowCompare(true)}>
              {t(`对比(${compared.length})`, `Compare (${compared.length})`)}
            </Button>
          </Space>
        }
      >
        <Table<Offer>
          data-testid="offer-table"
          size="small"
          rowKey="id"
          loading={offers.isLoading}
          dataSource={items}
          rowSelection={{
            selectedRowKeys: compare,
            onChange: (keys) => setCompare((keys as string[]).slice(-4)),
          }}
          pagination={{
            current: page,
            pageSize: 15,
            total: offers.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t(`共 ${n} 个商品`, `${n} offers`),
          }}
          columns={[
            {
              title: t('数据中心', 'Centre'),
              key: 'centre',
              render: (_, o) => (
                <>
                  {o.dataCentreName} {o.simulated && <SampleTag en={lang === 'en'} />}
                  <div style={{ fontSize: 12, color: '#666' }}>{o.supplierName}</div>
                </>
              ),
            },
            { title: t('分区', 'Zone'), key: 'zone', render: (_, o) => <ZoneTag type={o.zoneType as never} /> },
            {
              title: t('加速卡', 'Accelerator'),
              key: 'model',
              render: (_, o) => (
                <>
                  {o.modelName} {o.domestic && <Tag color="red">{t('国产', 'Domestic')}</Tag>}
                </>
              ),
            },
            {
              title: t('可售/上架', 'Free/offered'),
              key: 'cards',
              align: 'right',
              render: (_, o) => `${o.cardsAvailable} / ${o.cards}`,
            },
            { title: t('显存 GB', 'Memory GB'), dataIndex: 'memoryGb', align: 'right' },
            { title: t('互联', 'Interconnect'), dataIndex: 'interconnect' },
            {
              title: t('单价(卡·时)', 'Price / card-hour'),
              dataIndex: 'priceFenPerCardHour',
              align: 'right',
              render: (v) => yuan(v),
            },
            { title: t('计费', 'Billing'), dataIndex: 'billing', render: (b) => billing(b) },
            { title: t('最短租期(h)', 'Min lease (h)'), dataIndex: 'minLeaseHours', align: 'right' },
            {
              title: t('算力券', 'Voucher'),
              dataIndex: 'voucherEligible',
              render: (v) => (v ? <Tag color="blue">{t('可用', 'Eligible')}</Tag> : '—'),
            },
            ...(can(P.order)
              ? [
                  {
                    title: '',
                    key: 'act',
                    render: (_: unknown, o: Offer) => (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`order-${o.id}`}
                        disabled={o.cardsAvailable === 0}
                        onClick={() => setOrdering(o)}
                      >
                        {t('下单', 'Order')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={showCompare}
        width={900}
        footer={null}
        title={t('商品对比', 'Compare offers')}
        onCancel={() => setShowCompare(false)}
      >
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            [t('数据中心', 'Centre'), (o: Offer) => o.dataCentreName],
            [t('加速卡', 'Accelerator'), (o: Offer) => o.modelName],
            [t('可售卡数', 'Cards free'), (o: Offer) => String(o.cardsAvailable)],
            [t('显存 GB', 'Memory GB'), (o: Offer) => String(o.memoryGb)],
            [t('互联', 'Interconnect'), (o: Offer) => o.interconnect],
            [t('单价(卡·时)', 'Price / card-hour'), (o: Offer) => yuan(o.priceFenPerCardHour)],
            [t('计费', 'Billing'), (o: Offer) => billing(o.billing)],
            [t('最短租期(h)', 'Min lease (h)'), (o: Offer) => String(o.minLeaseHours)],
            [t('供应期', 'Window'), (o: Offer) => `${o.availableFrom.slice(0, 10)} ~ ${o.availableUntil.slice(0, 10)}`],
            [t('算力券', 'Voucher'), (o: Offer) => (o.voucherEligible ? '✓' : '—')],
          ].map(([label, f], i) => ({
            key: String(i),
            label: label as string,
            children: (
              <Space size={24}>
                {compared.map((o) => (
                  <span key={o.id} style={{ minWidth: 140, display: 'inline-block' }}>
                    {(f as (o: Offer) => string)(o)}
                  </span>
                ))}
              </Space>
            ),
          }))}
        />
      </Modal>
      {ordering && <OrderModal offer={ordering} onClose={() => setOrdering(null)} />}
    </div>
  );
}
