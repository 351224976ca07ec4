import { useState } from 'react';
import { Alert, Button, Input, Popconfirm, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { MergeProposal } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { useMergeConsent } from './api';

/** Merge proposals a case is part of: who has agreed, and the author's own answer when it is theirs to give. */
export function Merges({ items }: { items: MergeProposal[] }) {
  const { t } = useI18n();
  const consent = useMergeConsent();
  const [note, setNote] = useState('');
  if (!items.length) return null;
  return (
    <>
      {items.map((m) => {
        const caseLink = <Link to={`/scenarios/cases/${m.caseId}`}>{m.caseTitle}</Link>;
        const intoLink = <Link to={`/scenarios/cases/${m.intoId}`}>{m.intoTitle}</Link>;
        const agreed = (yes: boolean) =>
          yes ? <Tag color="green">{t('已同意', 'agreed')}</Tag> : <Tag>{t('待确认', 'awaiting')}</Tag>;
        return (
          <Alert
            key={m.id}
            data-testid="merge-proposal"
            style={{ marginBottom: 12 }}
            showIcon
            type={m.status === 'merged' ? 'success' : m.status === 'declined' ? 'info' : 'warning'}
            message={
              m.status === 'merged' ? (
                <>
                  {caseLink} {t('已并入', 'was merged into')} {intoLink}
                </>
              ) : m.status === 'declined' ? (
                <>
                  {t('合并建议已被拒绝', 'Merge declined')}
                  {m.declineNote && `:${m.declineNote}`}
                </>
              ) : (
                <>
                  {t('合并建议:将', 'Proposed: merge')} {caseLink} {t('并入', 'into')} {intoLink}
                </>
              )
            }
            description={
              <>
                <div>
                  {t('理由:', 'Why: ')}
                  {m.reason}
                </div>
                {m.status === 'pending' && (
                  <div style={{ marginTop: 4 }}>
                    {t('被并入方填报人', 'Author of the retiring case')} {agreed(m.caseConsent)}{' '}
                    {t('保留方填报人', 'Author of the case kept')} {agreed(m.intoConsent)}
                  </div>
                )}
                {m.canConsentFor && (
                  <Space wrap style={{ marginTop: 8 }}>
                    <Popconfirm
                      title={t(
                        m.canConsentFor === 'case'
                          ? '同意将本案例并入对方案例?双方都同意后本案例退出榜单(记录保留),不可撤销。'
                          : '同意对方案例并入本案例?双方都同意后对方案例退出榜单,不可撤销。',
                        'Agree to the merge? Once both sides agree it cannot be undone.',
                      )}
                      onConfirm={() => consent.mutate({ id: m.id, accept: true })}
                    >
                      <Button type="primary" size="small" data-testid="merge-agree">
                        {t('同意合并', 'Agree')}
                      </Button>
                    </Popconfirm>
                    <Input
                      size="small"
                      style={{ width: 240 }}
                      maxLength={500}
                      placeholder={t('拒绝理由(可选)', 'Why not (optional)')}
                      value={note}
                      onChange={(e) => setNote(e.target.value)}
                    />
                    <Popconfirm
                      title={t('拒绝这条合并建议?', 'Decline this merge?')}
                      onConfirm={() => consent.mutate({ id: m.id, accept: false, note: note.trim() || undefined })}
                    >
                      <Button size="small" danger>
                        {t('拒绝', 'Decline')}
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </>
            }
          />
        );
      })}
    </>
  );
}
