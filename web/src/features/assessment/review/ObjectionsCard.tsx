import { useState } from 'react';
import { Button, Card, Input, Space, Tag } from 'antd';
import { ASSESSMENT_PERMISSIONS as P, type AssessmentSubmission } from '@zhicheng/contracts/assessment';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useFileObjection, useResolveObjection } from '../api';

/** 公示异议: anyone signed in may object during the notice; the province resolves before publishing. */
export function ObjectionsCard({ sub }: { sub: AssessmentSubmission }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [text, setText] = useState('');
  const [resolution, setResolution] = useState<Record<string, string>>({});
  const file = useFileObjection();
  const resolve = useResolveObjection();
  const open = sub.actions.includes('object');
  if (!open && !sub.objections.length) return null;
  return (
    <Card size="small" title={t('公示异议', 'Objections')}>
      {sub.objections.map((o) => (
        <div key={o.id} style={{ marginBottom: 8 }}>
          <div>
            {new Date(o.filedAt).toLocaleString()} · {o.text}
          </div>
          {o.resolution ? (
            <Tag color="green">
              {t('已处理', 'Resolved')}: {o.resolution}
            </Tag>
          ) : (
            can(P.campaignManage) && (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  size="small"
                  placeholder={t('处理意见', 'Resolution')}
                  value={resolution[o.id] ?? ''}
                  onChange={(e) => setResolution((r) => ({ ...r, [o.id]: e.target.value }))}
                />
                <Button
                  size="small"
                  loading={resolve.isPending}
                  onClick={() => resolve.mutate({ id: o.id, resolution: resolution[o.id] ?? '' })}
                >
                  {t('处理', 'Resolve')}
                </Button>
              </Space.Compact>
            )
          )}
        </div>
      ))}
      {open && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            placeholder={t('对公示结果的异议(至少5字)', 'Your objection (5+ characters)')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            disabled={text.trim().length < 5}
            loading={file.isPending}
            onClick={() => file.mutate({ submissionId: sub.id, text }, { onSuccess: () => setText('') })}
          >
            {t('提出异议', 'Object')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
