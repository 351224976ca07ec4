import { useState } from 'react';
import { Button, Modal, Space } from 'antd';
import { FileImageOutlined, FilePdfOutlined, FileOutlined } from '@ant-design/icons';
import type { AssessmentEvidence } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { evidenceUrl } from '../api';

const kind = (e: AssessmentEvidence) =>
  e.type === 'pdf' ? 'pdf' : e.type === 'png' || e.type === 'jpg' ? 'image' : 'file';

/**
 * An indicator's evidence (佐证) for whoever reviews it — city, province, expert: images and PDFs open in a
 * preview inside the page, other files download.
 */
export function EvidenceLinks({
  submissionId,
  evidence,
}: {
  submissionId: string;
  evidence: readonly AssessmentEvidence[];
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<AssessmentEvidence | null>(null);
  if (!evidence.length) return <span style={{ color: '#666' }}>{t('无', 'None')}</span>;
  return (
    <>
      <Space direction="vertical" size={0}>
        {evidence.map((e) =>
          kind(e) === 'file' ? (
            <a key={e.id} href={evidenceUrl(submissionId, e.id)}>
              <FileOutlined /> {e.filename}
            </a>
          ) : (
            <Button
              key={e.id}
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              icon={kind(e) === 'pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
              onClick={() => setOpen(e)}
              data-testid={`evidence-preview-${e.indicatorCode}`}
            >
              {e.filename}
            </Button>
          ),
        )}
      </Space>
      <Modal
        open={!!open}
        width={900}
        title={open ? `${t('佐证材料', 'Evidence')} · ${open.indicatorCode} · ${open.filename}` : ''}
        onCancel={() => setOpen(null)}
        footer={
          open && (
            <a href={evidenceUrl(submissionId, open.id)} download>
              {t('下载原件', 'Download the original')}
            </a>
          )
        }
        destroyOnHidden
      >
        {open && kind(open) === 'image' && (
          <img
            src={`${evidenceUrl(submissionId, open.id)}?inline=1`}
            alt={`${t('佐证材料', 'Evidence')} ${open.filename}`}
            style={{ maxWidth: '100%' }}
          />
        )}
        {open && kind(open) === 'pdf' && (
          <iframe
            title={`${t('佐证材料', 'Evidence')} ${open.filename}`}
            src={`${evidenceUrl(submissionId, open.id)}?inline=1`}
            style={{ width: '100%', height: '70vh', border: 0 }}
            data-testid="evidence-frame"
          />
        )}
      </Modal>
    </>
  );
}
