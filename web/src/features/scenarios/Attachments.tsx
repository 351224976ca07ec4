import { Button, Card, Empty, Image, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { ATTACHMENT_LIMITS, type CaseAttachment } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { ActionLink } from '../../components/ActionLink';
import { attachmentUrl, useAddAttachment, useRemoveAttachment } from './api';

const size = (b: number) =>
  b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`;

/**
 * A case's photos and documents. The author adds and removes them while the case may be edited; photos are shown
 * as the server stored them (re-encoded for the phone), documents open in the browser's PDF viewer.
 */
export function Attachments({
  caseId,
  items,
  editable,
  publicPage = false,
}: {
  caseId: string;
  items: CaseAttachment[];
  editable: boolean;
  publicPage?: boolean;
}) {
  const { t } = useI18n();
  const add = useAddAttachment(caseId);
  const remove = useRemoveAttachment(caseId);
  const photos = items.filter((a) => a.kind === 'photo');
  const documents = items.filter((a) => a.kind === 'document');
  if (!editable && !items.length) return null;
  return (
    <Card
      size="small"
      title={t('照片与文档', 'Photos and documents')}
      style={{ marginBottom: 12 }}
      data-testid="case-attachments"
      extra={
        editable && (
          <Upload
            accept=".jpg,.jpeg,.png,.pdf"
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) =>
              add.mutate(file as File, { onSuccess: () => onSuccess?.(null), onError: (e) => onError?.(e as Error) })
            }
          >
            <Button loading={add.isPending} data-testid="attachment-upload">
              {t('上传照片或 PDF', 'Upload photos or PDF')}
            </Button>
          </Upload>
        )
      }
    >
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(
            `照片(JPG/PNG)最多 ${ATTACHMENT_LIMITS.photos} 张,自动转正并压缩到适合手机浏览的尺寸,并去除拍摄位置等信息;PDF 文档最多 ${ATTACHMENT_LIMITS.documents} 份;单个文件不超过 10 MB。上报后不能再改。`,
            `Up to ${ATTACHMENT_LIMITS.photos} photos (JPG/PNG; turned upright, sized for phones, location data removed) and ${ATTACHMENT_LIMITS.documents} PDF documents, 10 MB each. Fixed once submitted.`,
          )}
        </Typography.Paragraph>
      )}
      {!items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无附件', 'Nothing yet')} />}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8} style={{ marginBottom: documents.length ? 12 : 0 }}>
            {photos.map((p) => (
              <div key={p.id} style={{ textAlign: 'center' }}>
                <Image
                  src={attachmentUrl(caseId, p.id, publicPage)}
                  alt={p.filename}
                  width={160}
                  height={110}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                {editable && (
                  <div>
                    <Popconfirm title={t('删除这张照片?', 'Remove this photo?')} onConfirm={() => remove.mutate(p.id)}>
                      <ActionLink danger>{t('删除', 'Remove')}</ActionLink>
                    </Popconfirm>
                  </div>
                )}
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {documents.length > 0 && (
        <List
          size="small"
          dataSource={documents}
          renderItem={(d) => (
            <List.Item
              actions={
                editable
                  ? [
                      <Popconfirm
                        key="rm"
                        title={t('删除这份文档?', 'Remove this document?')}
                        onConfirm={() => remove.mutate(d.id)}
                      >
                        <ActionLink danger>{t('删除', 'Remove')}</ActionLink>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <a href={attachmentUrl(caseId, d.id, publicPage)} target="_blank" rel="noreferrer">
                {d.filename}
              </a>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                PDF · {size(d.size)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
