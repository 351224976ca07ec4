import { useEffect, useState } from 'react';
import { Alert, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import {
  CAMPAIGN_ACTION_NAMES,
  SUBMISSION_STATUS_NAMES,
  type AssessmentCampaign,
  type AssessmentSubmissionStatus,
  type CampaignAction,
} from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useCampaignAction, useCampaignActionPreview } from '../api';

/** Where each action leads (the words of the confirmation; the server's CAMPAIGN_STEPS decides). */
const ACTION_MOVES: Record<CampaignAction, { from: AssessmentSubmissionStatus; to: AssessmentSubmissionStatus }> = {
  draw_experts: { from: 'province_approved', to: 'expert_review' },
  start_co_evaluation: { from: 'expert_reviewed', to: 'co_evaluation' },
  open_notice: { from: 'co_evaluation', to: 'public_notice' },
  publish: { from: 'public_notice', to: 'published' },
};

export const MIN_REASON = 5;

/**
 * The confirmation before a campaign-wide step: what it will do to how many regions, by city, which regions stay
 * behind — and, when the stage is not complete, the province's reason (the server refuses without one and audits it).
 */
export function CampaignActionModal({
  campaign,
  action,
  onClose,
}: {
  campaign: AssessmentCampaign | null;
  action: CampaignAction | null;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const preview = useCampaignActionPreview(campaign?.id ?? null, action);
  const act = useCampaignAction();
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [campaign?.id, action]);
  if (!campaign || !action) return null;
  const p = preview.data;
  const moves = ACTION_MOVES[action];
  const needsReason = p ? !p.complete : false;
  const reasonOk = !needsReason || reason.trim().length >= MIN_REASON;
  const name = pick(CAMPAIGN_ACTION_NAMES[action]);

  return (
    <Modal
      open
      width={720}
      title={t(`确认${name}:${campaign.name}`, `Confirm "${name}": ${campaign.name}`)}
      okText={t(`确认${name}`, `Confirm: ${name}`)}
      okButtonProps={{
        danger: needsReason,
        disabled: !p || !p.allowed || !reasonOk,
        'data-testid': 'action-confirm',
      }}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() =>
        act.mutate(
          { id: campaign.id, action, ...(needsReason ? { reason: reason.trim() } : {}) },
          { onSuccess: onClose },
        )
      }
      destroyOnHidden
    >
      {!p ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="action-preview">
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t(
              `此操作不可撤销:将把 ${p.ready} 个区划从「${SUBMISSION_STATUS_NAMES[moves.from].zh}」推进到「${SUBMISSION_STATUS_NAMES[moves.to].zh}」(共 ${p.total} 个区划${p.ahead ? `,${p.ahead} 个已过此环节` : ''})。`,
              `This cannot be undone: ${p.ready} regions move from "${SUBMISSION_STATUS_NAMES[moves.from].en}" to "${SUBMISSION_STATUS_NAMES[moves.to].en}" (of ${p.total}${p.ahead ? `; ${p.ahead} are past this step` : ''}).`,
            )}
          </Typography.Paragraph>
          {needsReason ? (
            <Alert
              type="warning"
              showIcon
              data-testid="action-incomplete"
              title={t(
                `尚有 ${p.behind} 个区划未完成上一环节,将留在原状态`,
                `${p.behind} regions have not finished the previous step and stay where they are`,
              )}
              description={t(
                '确需继续,请填写理由;理由与完成情况一并记入审计日志。',
                'To go on anyway, give a reason; it is kept in the audit trail with these counts.',
              )}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('所有区划均已完成上一环节', 'Every region finished the previous step')}
            />
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ y: 220 }}
            dataSource={p.byCity}
            columns={[
              { title: t('市', 'City'), dataIndex: 'name' },
              { title: t('区划数', 'Regions'), dataIndex: 'total', width: 90 },
              { title: t('可推进', 'Ready'), dataIndex: 'ready', width: 90 },
              {
                title: t('未完成', 'Behind'),
                dataIndex: 'behind',
                width: 90,
                render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
              },
            ]}
          />
          {p.behindRegions.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} ellipsis={{ rows: 3 }}>
              {t('未完成:', 'Behind: ')}
              {p.behindRegions
                .map((r) => `${r.regionName}(${pick(SUBMISSION_STATUS_NAMES[r.status as AssessmentSubmissionStatus])})`)
                .join('、')}
            </Typography.Paragraph>
          )}
          {needsReason && (
            <label style={{ display: 'block' }}>
              <span>{t('继续的理由(必填,至少5个字)', 'Reason to go on (required, at least 5 characters)')}</span>
              <Input.TextArea
                data-testid="action-reason"
                rows={2}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                status={reason && !reasonOk ? 'error' : undefined}
              />
            </label>
          )}
          {!p.allowed && (
            <Alert type="error" title={t('活动当前阶段不允许此操作', 'The campaign stage does not allow this')} />
          )}
        </Space>
      )}
    </Modal>
  );
}
