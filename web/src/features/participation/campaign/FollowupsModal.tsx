import { Modal, Table } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useFollowups } from '../api';

/** An action item's follow-ups: the private links to send (the SMS gateway is outside the platform), masked. */
export function FollowupsModal({ actionId, onClose }: { actionId: string | null; onClose(): void }) {
  const { t } = useI18n();
  const q = useFollowups(actionId);
  return (
    <Modal
      open={!!actionId}
      width={640}
      footer={null}
      onCancel={onClose}
      title={t('满意度回访(短信链接)', 'Follow-ups (SMS links)')}
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data?.items}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('联系电话', 'Phone'), dataIndex: 'phoneMasked' },
          {
            title: t('回访链接', 'Link'),
            dataIndex: 'token',
            render: (tk: string) => (
              <a href={`/f/${tk}`} target="_blank" rel="noreferrer">
                /f/{tk.slice(0, 8)}…
              </a>
            ),
          },
          { title: t('满意度', 'Score'), dataIndex: 'satisfaction', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Modal>
  );
}
