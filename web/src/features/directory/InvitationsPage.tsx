import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ExpertInvitation } from '@zhicheng/contracts/directory';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useInvitations, useRespond } from './api';
import { PICK_STATUS, fieldName } from './labels';

/** A drawn expert's invitations: accept, or decline with a reason (the replacement is drawn from the same seed). */
export default function InvitationsPage() {
  const { t, pick } = useI18n();
  const { modal } = App.useApp();
  const q = useInvitations();
  const respond = useRespond();
  const [reason, setReason] = useState('');

  const decline = (i: ExpertInvitation) =>
    modal.confirm({
      title: t('拒绝该邀请?', 'Decline this invitation?'),
      content: (
        <Input.TextArea
          rows={2}
          placeholder={t('原因(必填)', 'Reason (required)')}
          onChange={(e) => setReason(e.target.value)}
        />
      ),
      okText: t('拒绝', 'Decline'),
      onOk: () => respond.mutate({ drawId: i.drawId, position: i.position, answer: { answer: 'decline', reason } }),
    });

  return (
    <div>
      <PageHeader title={t('我的评审邀请', 'My review invitations')} />
      <Card>
        {(q.data ?? []).length === 0 && !q.isLoading ? (
          <Empty description={t('暂无邀请', 'No invitations')} />
        ) : (
          <List<ExpertInvitation>
            loading={q.isLoading}
            dataSource={q.data ?? []}
            renderItem={(i) => (
              <List.Item
                data-testid="invitation"
                actions={
                  i.status === 'invited'
                    ? [
                        <Popconfirm
                          key="a"
                          title={t('接受邀请?接受后经办人可见您的姓名。', 'Accept? The operator then sees your name.')}
                          onConfirm={() =>
                            respond.mutate({ drawId: i.drawId, position: i.position, answer: { answer: 'accept' } })
                          }
                        >
                          <Button type="primary" size="small">
                            {t('接受', 'Accept')}
                          </Button>
                        </Popconfirm>,
                        <Button key="d" size="small" danger onClick={() => decline(i)}>
                          {t('拒绝', 'Decline')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={i.title}
                  description={
                    <Space wrap>
                      <Typography.Text type="secondary">{i.regionName}</Typography.Text>
                      <Tag>{fieldName(i.field, pick, t('不限领域', 'any field'))}</Tag>
                      <Tag color={PICK_STATUS[i.status]?.[2]}>
                        {t(PICK_STATUS[i.status]![0], PICK_STATUS[i.status]![1])}
                      </Tag>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
