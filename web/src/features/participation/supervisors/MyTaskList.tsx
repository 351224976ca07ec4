import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { MyTask } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { problemText } from '../../../components/problem';
import { ScoreInput, scoreOutOfRange } from '../../../components/ScoreInput';
import { useMyTasks, useSubmitScore, useUploadPhoto } from '../api';
import { TaskKindTag } from './TaskKindTag';

/** The signed-in supervisor's tasks with the score form; `phone` sizes it for scoring on site. */
export function MyTaskList({ phone }: { phone?: boolean }) {
  const { t, lang } = useI18n();
  const q = useMyTasks();
  return (
    <div>
      {q.error && (
        <Alert
          type="warning"
          title={problemText(q.error, lang)}
          action={phone ? <a href="/login?next=%2Fsupervisor%2Ftasks">{t('登录', 'Sign in')}</a> : undefined}
        />
      )}
      {(q.data?.items ?? []).map((tk) => (
        <MyTaskCard key={tk.id} task={tk} phone={phone} />
      ))}
      {q.data && q.data.items.length === 0 && <Card>{t('暂无任务', 'No tasks yet')}</Card>}
    </div>
  );
}

function MyTaskCard({ task: tk, phone }: { task: MyTask; phone?: boolean }) {
  const { t } = useI18n();
  const [v, setV] = useState<{ score?: number; confirmed?: boolean; comment?: string }>({});
  const upload = useUploadPhoto(tk.id);
  const submit = useSubmitScore(tk.id);
  const done = tk.myScore !== null;
  // On-site checks (an indicator, another module's object) need a verdict and photos; the server says which.
  const onSite = tk.kind !== 'service';
  return (
    <Card
      style={{ marginBottom: 12 }}
      data-testid="my-task"
      title={
        <Space>
          {tk.title}
          <TaskKindTag kind={tk.kind} />
          {done && (
            <Tag color="green">
              {t('已提交', 'Submitted')} {tk.myScore}
            </Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{tk.description}</Typography.Paragraph>
      {!done && (
        <Space wrap>
          <ScoreInput
            size={phone ? 'large' : undefined}
            value={v.score}
            onChange={(x) => setV({ ...v, score: x ?? undefined })}
            testId="my-score"
          />
          {onSite && (
            <>
              <Select
                aria-label={t('核验结论', 'Verdict')}
                placeholder={t('核验结论', 'Verdict')}
                style={{ width: 160 }}
                value={v.confirmed}
                onChange={(x) => setV({ ...v, confirmed: x })}
                options={[
                  { value: true, label: t('属实', 'Confirmed') },
                  { value: false, label: t('不属实', 'Not confirmed') },
                ]}
              />
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  {t(`现场照片(${tk.myPhotoCount})`, `Photos (${tk.myPhotoCount})`)}
                </Button>
              </Upload>
            </>
          )}
          <Input
            aria-label={t('意见(选填)', 'Comment (optional)')}
            placeholder={t('意见(选填)', 'Comment (optional)')}
            style={{ width: phone ? '100%' : 260 }}
            value={v.comment}
            onChange={(e) => setV({ ...v, comment: e.target.value })}
          />
          <Button
            type="primary"
            data-testid="submit-score"
            disabled={v.score === undefined || scoreOutOfRange(v.score)}
            loading={submit.isPending}
            onClick={() => submit.mutate({ score: v.score!, confirmed: v.confirmed, comment: v.comment || undefined })}
          >
            {t('提交评分', 'Submit score')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
