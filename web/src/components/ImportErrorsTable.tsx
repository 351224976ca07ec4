import { App, Table } from 'antd';
import type { ImportReport } from '@zhicheng/contracts';
import { useI18n } from '../app/i18n';

/** Every bad row of a refused Excel import, by the spreadsheet's own row number. */
export function ImportErrorsTable({ errors, fieldTitle }: { errors: ImportReport['errors']; fieldTitle?: string }) {
  const { t } = useI18n();
  return (
    <Table
      data-testid="import-errors"
      size="small"
      pagination={errors.length > 20 ? { pageSize: 20 } : false}
      rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
      dataSource={errors}
      columns={[
        { title: t('行', 'Row'), dataIndex: 'row', width: 60 },
        { title: fieldTitle ?? t('列', 'Field'), dataIndex: 'field', width: 140 },
        { title: t('问题', 'Problem'), dataIndex: 'message' },
      ]}
    />
  );
}

/** Opens the standard 'import refused' dialog listing every bad row. */
export function useImportErrors() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (errors: ImportReport['errors'], fieldTitle?: string) =>
    modal.error({
      title: t('导入失败,未写入任何数据', 'Import failed; nothing was written'),
      width: 680,
      content: <ImportErrorsTable errors={errors} fieldTitle={fieldTitle} />,
    });
}
