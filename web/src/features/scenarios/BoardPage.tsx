import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, Input, List, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { useBoard, useSearch, useTaxonomy } from './api';
import { Frame } from './public/Frame';
import { Movement } from './public/StandingParts';
import { useCities } from './useCities';

/**
 * The public board (/board), phone first: overall, per domain or per city, each case with its movement since the
 * last round, its score and interval, and why it stands above the next one; a search box over the library.
 */
export default function BoardPage() {
  const { t, lang } = useI18n();
  const [domain, setDomain] = useState<string>('');
  const [city, setCity] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const taxonomy = useTaxonomy();
  const cities = useCities();
  const board = useBoard({ domain: domain || undefined, city, page, pageSize: 20 });
  const search = useSearch({ q, domain: domain || undefined, city, pageSize: 20 }, q.length > 0);
  const domains = (taxonomy.data?.items ?? []).filter((i) => i.kind === 'domain');
  const b = board.data;

  return (
    <Frame>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {b?.round ? b.round.name : t('优秀案例打榜', 'Scenario board')}{' '}
          {b?.round?.demo && <SampleTag en={lang === 'en'} />}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(
            '得分 = 专家评审(贝叶斯平均)+ 公众投票(Wilson 下界)+ 复制推广 + 使用增长,按本轮权重加权',
            'Score = expert review (Bayesian average) + votes (Wilson lower bound) + replications + usage growth, weighted per round',
          )}
        </Typography.Text>
        <Input.Search
          allowClear
          style={{ marginTop: 8 }}
          placeholder={t('搜索案例,如:停车、养老', 'Search cases, e.g. parking, elderly care')}
          onSearch={setQ}
          data-testid="board-search"
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Segmented
            size="small"
            value={domain}
            onChange={(v) => (setDomain(String(v)), setPage(1))}
            options={[
              { value: '', label: t('总榜', 'All') },
              ...domains.map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en })),
            ]}
          />
          <Select
            aria-label={t('按城市', 'By city')}
            allowClear
            size="small"
            style={{ width: 120 }}
            placeholder={t('按城市', 'By city')}
            options={cities}
            onChange={(v) => (setCity(v), setPage(1))}
          />
        </Space>
      </Card>
      {q ? (
        <List
          loading={search.isLoading}
          dataSource={search.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('没有找到相关案例', 'No matching cases')} /> }}
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }}>
              <Link to={`/board/cases/${c.id}`}>{c.title}</Link> {c.demo && <SampleTag en={lang === 'en'} />}
              <div style={{ fontSize: 12, color: '#666' }}>
                {c.cityName} · {c.regionName} · {c.domainName} · {c.operatingModelName}
              </div>
            </Card>
          )}
        />
      ) : board.isLoading ? (
        <Skeleton active />
      ) : !b?.round ? (
        <Empty description={t('暂无打榜轮次', 'No round yet')} />
      ) : (
        <List
          dataSource={b.items}
          pagination={{ current: page, pageSize: 20, total: b.total, onChange: setPage, size: 'small', simple: true }}
          renderItem={(s) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="board-item">
              <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                <div style={{ width: 44, textAlign: 'center', flex: 'none' }}>
                  <div style={{ fontSize: 22, fontWeight: 700, color: s.rank <= 3 ? '#b3261e' : '#333' }}>{s.rank}</div>
                  <Movement m={s.movement} />
                </div>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Link to={`/board/cases/${s.caseId}`} style={{ fontWeight: 600 }}>
                    {s.title}
                  </Link>{' '}
                  {s.demo && <SampleTag en={lang === 'en'} />}
                  <div style={{ fontSize: 12, color: '#666' }}>
                    {s.cityName} · {s.regionName} · <Tag style={{ marginInlineEnd: 0 }}>{s.domainName}</Tag>
                  </div>
                  <div style={{ fontSize: 12, marginTop: 4 }}>
                    <b>{s.score.toFixed(1)}</b>{' '}
                    <span style={{ color: '#666' }}>
                      [{s.low.toFixed(1)}–{s.high.toFixed(1)}] · {t('专家', 'experts')} {s.reviewCount} ·{' '}
                      {t('票', 'votes')} {s.votesUp}/{s.votesTotal} · {t('复制', 'adopted')} {s.replications}
                    </span>
                  </div>
                  {s.why && (
                    <div style={{ fontSize: 12, color: '#555', marginTop: 4 }} data-testid="board-why">
                      {lang === 'zh' ? s.why.text.zh : s.why.text.en}
                    </div>
                  )}
                </div>
              </div>
            </Card>
          )}
        />
      )}
    </Frame>
  );
}
