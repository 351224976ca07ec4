import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Form, Image, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { PARTICIPATION_PERMISSIONS as P, type CampaignDetail } from '@zhicheng/contracts/participation';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { RegionTreePicker } from '../../../components/RegionTreePicker';
import { qrcodeUrl, useCreateSurvey } from '../api';
import { SURVEY_STATUS } from './labels';

type SurveyRow = CampaignDetail['surveys'][number];

/** The campaign's surveys with their links and QR codes; a new survey, or a localisation of a template. */
export function SurveysTab({ c }: { c: CampaignDetail }) {
  const { t, pick } = useI18n();
  const { can, region } = useAuth();
  const nav = useNavigate();
  const [qr, setQr] = useState<string | null>(null);
  const [create, setCreate] = useState<{ baseSurveyId?: string; title: string; regionCode: string } | null>(null);
  const [form] = Form.useForm<{ title: string; regionCode: string }>();
  const createSurvey = useCreateSurvey(c.id);
  const link = (id: string) => `${window.location.origin}/s/${id}`;
  const newSurvey = (v: { title: string; regionCode: string }) =>
    createSurvey.mutate(
      { ...v, baseSurveyId: create?.baseSurveyId },
      {
        onSuccess: (s) => {
          setCreate(null);
          nav(`/participation/surveys/${s.id}`);
        },
      },
    );
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        {can(P.surveysManage) && (
          <Button
            type="primary"
            data-testid="new-survey"
            onClick={() => setCreate({ title: '', regionCode: region ?? c.regionCode })}
          >
            {t('新建问卷', 'New survey')}
          </Button>
        )}
      </Space>
      <Table<SurveyRow>
        rowKey="id"
        dataSource={c.surveys}
        pagination={false}
        data-testid="survey-table"
        columns={[
          {
            title: t('问卷', 'Survey'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/participation/surveys/${r.id}`}>{v}</Link>,
          },
          { title: t('区划', 'Region'), dataIndex: 'regionName', width: 100 },
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            width: 70,
            render: (v: number, r) => (
              <>
                v{v}
                {r.baseSurveyId && <Tag style={{ marginLeft: 4 }}>{t('本地化', 'localised')}</Tag>}
              </>
            ),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: SurveyRow['status']) => <Tag color={SURVEY_STATUS[s].color}>{pick(SURVEY_STATUS[s])}</Tag>,
          },
          { title: t('题数', 'Questions'), dataIndex: 'questionCount', width: 70 },
          { title: t('答卷', 'Responses'), dataIndex: 'responseCount', width: 80 },
          {
            title: '',
            key: 'ops',
            width: 300,
            render: (_: unknown, r) =>
              r.status === 'published' && (
                <Space wrap>
                  <a href={`/s/${r.id}`} target="_blank" rel="noreferrer" data-testid={`survey-link-${r.id}`}>
                    {t('答题链接', 'Link')}
                  </a>
                  <Button size="small" icon={<QrcodeOutlined />} onClick={() => setQr(r.id)}>
                    {t('二维码', 'QR')}
                  </Button>
                  {can(P.surveysManage) && r.regionCode !== region && region && (
                    <Button
                      size="small"
                      onClick={() => setCreate({ baseSurveyId: r.id, title: `${r.title}(本地化)`, regionCode: region })}
                    >
                      {t('本地化', 'Localise')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal open={!!qr} footer={null} onCancel={() => setQr(null)} title={t('问卷二维码', 'Survey QR code')}>
        {qr && (
          <div style={{ textAlign: 'center' }}>
            <Image src={qrcodeUrl(qr, window.location.origin)} width={280} preview={false} alt="QR" />
            <Typography.Paragraph copyable={{ text: link(qr) }}>{link(qr)}</Typography.Paragraph>
            <a href={qrcodeUrl(qr, window.location.origin)} download={`survey-${qr}.png`}>
              {t('下载二维码', 'Download')}
            </a>
          </div>
        )}
      </Modal>
      <Modal
        open={!!create}
        title={
          create?.baseSurveyId
            ? t(
                '本地化省级模板(可增加题目,不可删除必答题)',
                'Localise the template (add questions; mandatory ones stay)',
              )
            : t('新建问卷', 'New survey')
        }
        onCancel={() => setCreate(null)}
        onOk={() => form.submit()}
        confirmLoading={createSurvey.isPending}
        okButtonProps={{ 'data-testid': 'survey-ok' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={newSurvey} initialValues={create ?? undefined}>
          <Form.Item name="title" label={t('问卷标题', 'Title')} rules={[{ required: true }]}>
            <Input data-testid="survey-title-input" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('发布区划', 'Region')} rules={[{ required: true }]}>
            <RegionTreePicker data-testid="survey-region" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
