import { Alert, Modal, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseImportReport } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';

const FIELD_NAMES: Record<string, [string, string]> = {
  regionCode: ['区划代码', 'Region code'],
  title: ['案例名称', 'Title'],
  domain: ['领域', 'Domain'],
  category: ['子类', 'Sub-category'],
  summary: ['简介', 'Summary'],
  problem: ['解决的问题', 'Problem'],
  approach: ['主要做法', 'Approach'],
  results: ['应用成效', 'Results'],
  usersServed: ['服务人数', 'Users served'],
  monthlyUsage: ['月使用量', 'Monthly usage'],
  savingsFen: ['年节约资金', 'Savings'],
  operatingModel: ['运营模式', 'Operating model'],
  investmentFen: ['投资金额', 'Investment'],
  goLive: ['上线日期', 'Go-live'],
  tags: ['标签', 'Tags'],
};

/**
 * What an Excel import did: nothing, with every bad cell by row (all rows or none), or the drafts made, with the
 * library's cases each resembles (a reviewer decides on each case's page; nothing is linked or merged here).
 */
export default function ImportResult({ report, onClose }: { report: CaseImportReport | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  if (!report) return null;
  const field = (f: string) => (FIELD_NAMES[f] ? FIELD_NAMES[f]![lang === 'zh' ? 0 : 1] : f);
  return (
    <Modal
      open
      title={t('导入结果', 'Import result')}
      onCancel={onClose}
      onOk={onClose}
      width={760}
      data-testid="import-result"
    >
      {report.errors.length > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(
              `有 ${report.errors.length} 处错误,整张表未导入;请改正后重新导入`,
              `${report.errors.length} errors: nothing was imported; correct the sheet and import it again`,
            )}
          />
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
            pagination={{ pageSize: 10 }}
            dataSource={report.errors}
            columns={[
              { title: t('行', 'Row'), dataIndex: 'row', width: 60 },
              { title: t('字段', 'Field'), dataIndex: 'field', width: 120, render: (f: string) => field(f) },
              { title: t('问题', 'Problem'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : (
        <>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`已导入 ${report.imported} 个案例(草稿)`, `${report.imported} cases imported as drafts`)}
          />
          {report.duplicates.length > 0 && (
            <>
              <Typography.Paragraph type="warning">
                {t(
                  `${report.duplicates.length} 个案例与库中案例相似,请在案例页查看对照段落并决定关联或排除:`,
                  `${report.duplicates.length} cases resemble cases in the library; open each to compare and decide:`,
                )}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="caseId"
                pagination={false}
                dataSource={report.duplicates}
                columns={[
                  { title: t('行', 'Row'), dataIndex: 'row', width: 60 },
                  {
                    title: t('导入的案例', 'Imported case'),
                    dataIndex: 'title',
                    render: (v: string, r) => <Link to={`/scenarios/cases/${r.caseId}`}>{v}</Link>,
                  },
                  {
                    title: t('相似案例', 'Resembles'),
                    render: (_, r) => r.similar.map((x) => `${x.title}(${Math.round(x.similarity * 100)}%)`).join(';'),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
