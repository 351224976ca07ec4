import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';

export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="zc-page-title">
      <div>
        <Typography.Title level={3}>{title}</Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && <Space>{extra}</Space>}
    </div>
  );
}

export { SampleTag } from './SampleTag';
