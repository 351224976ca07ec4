import { useState } from 'react';
import { Button, Modal, Table, Tag } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { IndicatorChange } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useIndicatorChanges } from '../api';

const KIND_NAMES: Record<IndicatorChange['kind'], { zh: string; en: string; color: string }> = {
  value: { zh: '数值', en: 'Value', color: 'blue' },
  explanation: { zh: '说明', en: 'Explanation', color: 'purple' },
  evidence: { zh: '佐证', en: 'Evidence', color: 'green' },
};

/**
 * An indicator's history for every kind of reviewer (city, province, expert): each change of its value or
 * explanation and each evidence upload, with who and when (experts see the filing unit only). Loaded on opening.
 */
export function IndicatorHistoryButton({
  submissionId,
  code,
  name,
}: {
  submissionId: string;
  code: string;
  name: string;
}) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState(false);
  const changes = useIndicatorChanges(open ? submissionId : null, open ? code : null);
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<HistoryOutlined />}
        onClick={() => setOpen(true)}
        aria-label={t(`${name} 的修改历史`, `History of ${name}`)}
        data-testid={`history-${code}`}
      >
        {t('历史', 'History')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        width={720}
        title={t(`${code} ${name} · 修改历史`, `${code} ${name} · history`)}
      >
        <Table<IndicatorChange>
          size="small"
          rowKey={(r, i) => `${r.at}-${r.kind}-${i}`}
          loading={changes.isLoading}
          dataSource={changes.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="indicator-history"
          locale={{ emptyText: t('暂无修改记录', 'No changes recorded') }}
          columns={[
            {
              title: t('时间', 'When'),
              dataIndex: 'at',
              width: 150,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            { title: t('修改人', 'By'), dataIndex: 'actor', width: 140, render: (v: string | null) => v ?? '—' },
            {
              title: t('内容', 'What'),
              dataIndex: 'kind',
              width: 80,
              render: (k: IndicatorChange['kind']) => <Tag color={KIND_NAMES[k].color}>{pick(KIND_NAMES[k])}</Tag>,
            },
            {
              title: t('修改前 → 修改后', 'Before → after'),
              render: (_, r) =>
                r.kind === 'evidence' ? (
                  t(`上传 ${r.after ?? ''}`, `Uploaded ${r.after ?? ''}`)
                ) : (
                  <span>
                    <span style={{ color: '#595959' }}>{r.before ?? t('(空)', '(empty)')}</span> →{' '}
                    <b>{r.after ?? t('(空)', '(empty)')}</b>
                  </span>
                ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
